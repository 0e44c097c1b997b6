import { parseArgs } from 'node:util';
import { dailiesError } from '../shared/contract';

export interface WebArgs {
  dataDir: string | null;
  port: number;
  rendererDir: string | null;
  help: boolean;
}

export const webUsage = `Usage: tsx src/web/main.ts [--data-dir DIR] [--port N] [--renderer-dir DIR]

Serves Dailies in a browser on 127.0.0.1 and prints the address to open (it carries a
per-run token; keep it private).

  --data-dir DIR      catalog, thumbnails and logs (default: DAILIES_DATA_DIR, else the
                      desktop app's data folder)
  --port N            port to listen on (default: a free one)
  --renderer-dir DIR  the built renderer (default: out/renderer-web; npm run build:web)
  -h, --help          this text`;

/** Reads the web host's command line; a bad value is an E_VALIDATION the entry prints. */
export function parseWebArgs(argv: string[]): WebArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw dailiesError('E_VALIDATION', (error as Error).message);
  }
  const { values } = parsed;
  const port = parsePort(values.port);
  return {
    dataDir: values['data-dir'] ?? null,
    port,
    rendererDir: values['renderer-dir'] ?? null,
    help: values.help ?? false,
  };
}

/** `--port N` as hosts take it: 0 (a free port) when not given, else 0-65535. */
export function parsePort(value: string | undefined): number {
  const port = value === undefined ? 0 : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw dailiesError('E_VALIDATION', `--port must be a number from 0 to 65535, not "${value}".`);
  }
  return port;
}
