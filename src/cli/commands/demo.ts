import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { packageVersion } from '../../engine/app/app-version';
import { runDemo } from '../../demo/run-demo';
import { defineCommand } from '../command';
import { noArguments } from './no-arguments';

/**
 * The built interface: out/renderer-web beside the bundle (out/cli/dailies.mjs), or in the
 * checkout when run from the source.
 */
function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../renderer-web'),
    path.resolve(here, '../../../out/renderer-web'),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? candidates[1]!;
}

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'Run the whole job on built-in local stand-ins: no account, no cloud, no keychain.',
  usage: '[--fresh] [--once] [--quick] [--port N]',
  details:
    'Makes sample footage, starts a local S3-compatible store and a platform stand-in, ingests, ' +
    'analyses, uploads and registers every ready file under a demo profile, prints where each ' +
    'one went, then serves the interface until Ctrl+C. The demo keeps everything in a "demo" ' +
    'folder inside the data folder; a second run sends nothing twice.',
  options: {
    fresh: { type: 'boolean', description: 'Start over: empty the demo folder first.' },
    once: {
      type: 'boolean',
      description: 'Stop after the summary instead of serving the interface.',
    },
    quick: { type: 'boolean', description: 'Small sample files (seconds to make).' },
    port: {
      type: 'string',
      valueName: 'N',
      description: "The interface's port (default: a free one).",
    },
  },
  input: z.object({
    positionals: noArguments('demo'),
    values: z.object({
      fresh: z.boolean().default(false),
      once: z.boolean().default(false),
      quick: z.boolean().default(false),
      port: z.coerce.number().int().min(0).max(65535).default(0),
    }),
  }),
  async run({ values }, context) {
    let demo;
    try {
      demo = await runDemo({
        dir: path.join(context.dataDir, 'demo'),
        fresh: values.fresh,
        once: values.once,
        sampleSize: values.quick ? 'quick' : 'full',
        rendererDir: rendererDir(),
        port: values.port,
        version: packageVersion(),
        log: (line) => context.out(line),
        signal: context.signal,
      });
    } catch (error) {
      // Ctrl+C part-way: everything the demo started is stopped, and that is no failure.
      if (context.signal.aborted) return 'cancelled';
      throw error;
    }
    if (values.once) return 'ok';
    context.out('Press Ctrl+C to stop.');
    await new Promise((resolve) =>
      context.signal.addEventListener('abort', resolve, { once: true }),
    );
    await demo.stop();
    return 'ok';
  },
});
