import type { CommandSpec } from '../command';

/** What help says about `dailies reconcile`; loaded without the command (and the engine). */
export const reconcileSpec: CommandSpec = {
  name: 'reconcile',
  summary: 'Compare the catalog with the bucket and the platform; report what differs.',
  usage: '[--profile P] [--json]',
  details:
    'Read only: nothing is changed. Exits 1 when something differs.\n\n' +
    'Example:\n  dailies reconcile --profile production',
  options: {
    profile: { type: 'string', valueName: 'P', description: 'The profile (id or name).' },
  },
};
