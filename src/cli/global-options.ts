import type { OptionSpecs } from './command';

/** Options every command accepts, before or after its name. */
export const globalOptions = {
  'data-dir': {
    type: 'string',
    valueName: 'DIR',
    description:
      'The data folder (catalog, thumbnails, logs). Default: $DAILIES_DATA_DIR, else the ' +
      "desktop app's folder.",
  },
  json: {
    type: 'boolean',
    description: 'Print results as JSON on stdout, and errors as JSON on stderr.',
  },
  quiet: {
    type: 'boolean',
    short: 'q',
    description: 'No progress, only results and errors.',
  },
  help: { type: 'boolean', short: 'h', description: 'Show help.' },
  version: { type: 'boolean', short: 'V', description: 'Print the version.' },
} as const satisfies OptionSpecs;
