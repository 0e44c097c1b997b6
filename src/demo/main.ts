import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDailiesError } from '../shared/contract';
import { packageVersion } from '../engine/app/app-version';
import { demoUsage, parseDemoArgs } from './demo-args';
import { runDemo } from './run-demo';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm run demo`: see demoUsage. Exits 0 after --once or Ctrl+C, 1 when the demo failed. */
async function main(argv: string[]): Promise<number> {
  const args = parseDemoArgs(argv);
  if (args.help) {
    console.log(demoUsage);
    return 0;
  }
  // Ctrl+C at any point stops everything the demo started; a second one means "now" (the
  // catalog is WAL and every sync step is recorded, so an abrupt exit loses nothing).
  const interrupted = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted.signal.aborted) process.exit(130);
    console.log(`\n${signal}: stopping the demo...`);
    interrupted.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let demo;
  try {
    demo = await runDemo({
      dir: path.resolve(args.dir ?? path.join(repoRoot, '.demo-data')),
      fresh: args.fresh,
      once: args.once,
      sampleSize: args.sampleSize,
      rendererDir: path.join(repoRoot, 'out/renderer-web'),
      port: args.port,
      version: packageVersion(),
      log: (line) => console.log(line),
      signal: interrupted.signal,
    });
  } catch (error) {
    // Stopped part-way by the editor: everything is closed, and that is no failure to report.
    if (interrupted.signal.aborted) return 130;
    throw error;
  }
  if (args.once) return 0;
  console.log('Press Ctrl+C to stop.');
  await new Promise((resolve) => interrupted.signal.addEventListener('abort', resolve));
  await demo.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(isDailiesError(error) ? error.message : error);
    process.exit(1);
  },
);
