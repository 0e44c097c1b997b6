import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { packageVersion } from '../../engine/app/app-version';
import { runDemo } from '../../demo/run-demo';
import { defineCommand } from '../command';
import { noArguments } from './no-arguments';
import { demoSpec } from './demo-spec';

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
  ...demoSpec,
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
