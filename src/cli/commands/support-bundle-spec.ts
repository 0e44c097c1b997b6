import type { CommandSpec } from '../command';

/** What help says about `dailies support-bundle`; loaded without the command (and the engine). */
export const supportBundleSpec: CommandSpec = {
  name: 'support-bundle',
  summary: 'Write a support bundle (logs, versions, settings, profiles; no secrets) to a file.',
  usage: '[--dir DIR] [--json]',
  details:
    'Prints the file written, to send to whoever helps you. Default folder: "support" in the ' +
    'data folder.\n\nExample:\n  dailies support-bundle --dir ~/Desktop',
  options: {
    dir: { type: 'string', valueName: 'DIR', description: 'The folder to write the bundle in.' },
  },
};
