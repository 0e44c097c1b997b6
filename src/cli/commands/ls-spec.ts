import type { AssetStatus } from '../../shared/contract';
import type { CommandSpec } from '../command';

/**
 * The contract's asset statuses, written out so help loads no schema; a test keeps the two
 * the same.
 */
export const listedStatuses: readonly AssetStatus[] = [
  'new',
  'analysing',
  'ready',
  'error',
  'queued',
  'uploading',
  'synced',
  'dirty',
];

/** What help says about `dailies ls`; loaded without the command (and the engine). */
export const lsSpec: CommandSpec = {
  name: 'ls',
  summary: 'List assets, optionally matching words or of some statuses.',
  usage: '[query] [--status S]... [--json]',
  details:
    'The query matches title, description, tags and file names as word prefixes.\n\n' +
    'Examples:\n  dailies ls\n  dailies ls "dark knight" --status ready\n  dailies ls --status error --json',
  options: {
    status: {
      type: 'string',
      multiple: true,
      valueName: 'S',
      description: `Only these statuses (${listedStatuses.join(', ')}).`,
    },
  },
};
