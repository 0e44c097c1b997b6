import { z } from 'zod';
import { defineCommand } from '../command';
import { resolveProfile } from '../profiles/resolve-profile';
import { noArguments } from './no-arguments';
import { cleanupUploadsSpec } from './cleanup-uploads-spec';

export const cleanupUploadsCommand = defineCommand({
  ...cleanupUploadsSpec,
  input: z.object({
    positionals: noArguments('cleanup-uploads'),
    values: z.object({
      profile: z.string().min(1).optional(),
      'older-than': z.coerce
        .number()
        .min(0)
        .max(24 * 365)
        .default(24),
    }),
  }),
  async run({ values }, context) {
    const api = await context.api();
    const profile = await resolveProfile(api, values.profile);
    const result = await api.invoke('sync.cleanupUploads', {
      profileId: profile.id,
      olderThanHours: values['older-than'],
    });
    if (context.json) context.out(JSON.stringify(result, null, 2));
    else {
      context.out(
        `Aborted ${result.aborted.length} unfinished upload${result.aborted.length === 1 ? '' : 's'}.`,
      );
      for (const upload of result.aborted)
        context.out(`  ${upload.key} (started ${upload.createdAt})`);
    }
    return 'ok';
  },
});
