import type { CommandSpec } from '../command';

/** What help says about `dailies status`; loaded without the command (and the engine). */
export const statusSpec: CommandSpec = {
  name: 'status',
  summary: 'The catalog and the upload queue at a glance: counts, holds, speed, ETA.',
  usage: '[--json]',
  details: 'Example:\n  dailies status',
  options: {},
};
