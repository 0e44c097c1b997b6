import type { CommandSpec } from '../command';

/** What help says about `dailies ingest`; loaded without the command (and the engine). */
export const ingestSpec: CommandSpec = {
  name: 'ingest',
  summary: 'Add files and folders: hash, analyse, and with --upload send them to the platform.',
  usage: '<path>... [--profile P] [--upload] [--override-delivery] [--wait] [--dry-run]',
  details: [
    'Scans the paths (folders recursively), fingerprints each video, analyses it (media',
    'info, thumbnail, delivery check). With --upload every ready file is queued for upload',
    'and registration under the profile (the active one by default); with --wait the',
    'command stays until each one is synced, failed or held, and exits with the batch code.',
    'Without --wait, queued uploads are sent while a Dailies runs: run the command again',
    'with --wait, "dailies queue resume --wait", "dailies watch" or the app.',
    '',
    "A file that fails the profile's delivery check is not sent; --override-delivery sends",
    'it anyway, and its history records that it was.',
    '',
    'Ctrl+C stops cleanly; run the same command again to continue where it stopped.',
    '',
    'Examples:',
    '  dailies ingest /Volumes/Shoot/day1',
    '  dailies ingest ./renders --upload --wait --profile production',
    '  dailies ingest ./renders --upload --dry-run     # the keys and titles, nothing sent',
  ].join('\n'),
  options: {
    profile: { type: 'string', valueName: 'P', description: 'The profile (id or name).' },
    upload: { type: 'boolean', description: 'Queue every ready file for upload.' },
    'override-delivery': {
      type: 'boolean',
      description: 'With --upload: send files that fail the delivery check anyway.',
    },
    wait: { type: 'boolean', description: 'Stay until every upload is synced, failed or held.' },
    'dry-run': {
      type: 'boolean',
      description: 'Show what would be added and uploaded (keys, titles); change nothing.',
    },
  },
};
