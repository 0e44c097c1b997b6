import { parseArgs } from 'node:util';
import { dailiesError } from '../shared/contract';
import { parsePort } from '../web/parse-web-args';
import type { SampleSize } from './sample-set';

export interface DemoArgs {
  dir: string | null;
  fresh: boolean;
  once: boolean;
  port: number;
  sampleSize: SampleSize;
  help: boolean;
}

export const demoUsage = `Usage: npm run demo [-- OPTIONS]

Runs the whole job on this machine with built-in local stand-ins: makes sample footage,
starts a local S3-compatible store and a platform stand-in, ingests, analyses, uploads and
registers every ready file under a demo profile, prints where each one went, and serves
Dailies in your browser until Ctrl+C. A second run reuses everything and sends nothing twice.

  --fresh         start over: empty the demo folder first
  --once          stop after the summary instead of serving the interface
  --quick         small sample files (seconds to make; for tests and slow machines)
  --data-dir DIR  the demo folder (default: .demo-data)
  --port N        the interface's port (default: a free one)
  -h, --help      this text`;

/** Reads the demo's command line; a bad value is an E_VALIDATION that main prints. */
export function parseDemoArgs(argv: string[]): DemoArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        fresh: { type: 'boolean' },
        once: { type: 'boolean' },
        quick: { type: 'boolean' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw dailiesError('E_VALIDATION', (error as Error).message);
  }
  const port = parsePort(values.port);
  return {
    dir: values['data-dir'] ?? null,
    fresh: values.fresh ?? false,
    once: values.once ?? false,
    port,
    sampleSize: values.quick ? 'quick' : 'full',
    help: values.help ?? false,
  };
}
