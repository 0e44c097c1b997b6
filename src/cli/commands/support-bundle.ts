import path from 'node:path';
import { z } from 'zod';
import { formatBytes } from '../../shared/format-units';
import { defineCommand } from '../command';
import { noArguments } from './no-arguments';
import { supportBundleSpec } from './support-bundle-spec';

export const supportBundleCommand = defineCommand({
  ...supportBundleSpec,
  input: z.object({
    positionals: noArguments('support-bundle'),
    values: z.object({ dir: z.string().trim().min(1, '--dir needs a folder path.').optional() }),
  }),
  async run({ values }, context) {
    const api = await context.api();
    // The contract takes an absolute folder; a person types one relative to where they are.
    const bundle = await api.invoke(
      'app.supportBundle',
      values.dir === undefined ? {} : { dir: path.resolve(values.dir) },
    );
    if (context.json) context.out(JSON.stringify(bundle, null, 2));
    else {
      context.out(bundle.file);
      if (!context.quiet) {
        context.err(
          `Wrote ${formatBytes(bundle.bytes)}: ${bundle.logs.length} log file${bundle.logs.length === 1 ? '' : 's'}, ` +
            `${bundle.profiles} profile${bundle.profiles === 1 ? '' : 's'} (secrets left out).`,
        );
      }
    }
    return 'ok';
  },
});
