import type { CommandSpec } from '../command';

/** What help says about `dailies cleanup-uploads`; loaded without the command (and the engine). */
export const cleanupUploadsSpec: CommandSpec = {
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
};
