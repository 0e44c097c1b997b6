import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDailiesError } from '../shared/contract';
import { packageVersion } from '../engine/app/app-version';
import { defaultDataDir } from '../engine/app/default-data-dir';
import { createEngine } from '../engine/create-engine';
import { parseWebArgs, webUsage } from './parse-web-args';
import { startWebHost } from './web-host';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `tsx src/web/main.ts`: one engine, one loopback web host, until SIGINT/SIGTERM. */
async function main(argv: string[]): Promise<number> {
  const args = parseWebArgs(argv);
  if (args.help) {
    console.log(webUsage);
    return 0;
  }
  const rendererDir = path.resolve(args.rendererDir ?? path.join(repoRoot, 'out/renderer-web'));
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    console.warn(`The renderer is not built in ${rendererDir}. Run: npm run build:web`);
  }
  const engine = createEngine({
    dataDir: path.resolve(args.dataDir ?? defaultDataDir()),
    host: 'web',
    version: packageVersion(),
  });
  let host;
  try {
    host = await startWebHost({ engine, rendererDir, port: args.port });
  } catch (error) {
    await engine.dispose();
    throw error;
  }
  console.log(`Dailies is running. Open this address in your browser:\n\n  ${host.url}\n`);
  console.log(`Data: ${engine.dataDir}\nPress Ctrl+C to stop.`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second Ctrl+C means "now": the catalog is WAL, so an abrupt exit is safe.
        process.exit(130);
      }
      stopping = true;
      console.log(`\n${signal}: stopping Dailies...`);
      void host
        .close()
        .then(() => engine.dispose())
        .then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(isDailiesError(error) ? error.message : error);
    process.exit(1);
  },
);
