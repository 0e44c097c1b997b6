import { z } from 'zod';
import { defineCommand } from '../command';
import { resolveProfile } from '../profiles/resolve-profile';
import { noArguments } from './no-arguments';

export const cleanupUploadsCommand = defineCommand({
  name: 'cleanup-uploads',
  summary: 'Abort unfinished multipart uploads Dailies started (never a colleague’s).',
  usage: '[--profile P] [--older-than HOURS] [--json]',
  details: 'Example:\n  dailies cleanup-uploads --older-than 48',
  options: {
    profile: { type: 'string', valueName: 'P', description: 'The profile (id or name).' },
    'older-than': {
      type: 'string',
      valueName: 'HOURS',
      description: 'Only uploads started longer ago than this (default 24).',
    },
  },
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
