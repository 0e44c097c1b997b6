import type { CommandSpec } from '../command';

/** What help says about `dailies queue`; loaded without the command (and the engine). */
export const queueSpec: CommandSpec = {
  name: 'queue',
  summary: 'Pause, resume, retry or cancel uploads, of some assets or --all.',
  usage: 'pause|resume|retry|cancel [asset...|--all] [--wait] [--dry-run]',
  details:
    'Acts on the upload (sync) jobs of the named assets, or on every one with --all.\n' +
    'Uploads run while a Dailies runs: with --wait, resume and retry stay until the queue is\n' +
    'done (Ctrl+C stops cleanly; run it again to continue).\n\n' +
    'Examples:\n  dailies queue pause --all\n  dailies queue retry "#21" --wait\n  dailies queue cancel 3 4 --dry-run',
  options: {
    all: { type: 'boolean', description: 'Every upload the action applies to.' },
    wait: { type: 'boolean', description: 'Run the queue until nothing is queued or running.' },
    'dry-run': { type: 'boolean', description: 'List the jobs it would change; change nothing.' },
  },
};
