import type { CommandSpec } from '../command';

/** What help says about `dailies demo`; loaded without the command (and the engine). */
export const demoSpec: CommandSpec = {
  name: 'demo',
  summary: 'Run the whole job on built-in local stand-ins: no account, no cloud, no keychain.',
  usage: '[--fresh] [--once] [--quick] [--port N]',
  details:
    'Makes sample footage, starts a local S3-compatible store and a platform stand-in, ingests, ' +
    'analyses, uploads and registers every ready file under a demo profile, prints where each ' +
    'one went, then serves the interface until Ctrl+C. The demo keeps everything in a "demo" ' +
    'folder inside the data folder; a second run sends nothing twice.',
  options: {
    fresh: { type: 'boolean', description: 'Start over: empty the demo folder first.' },
    once: {
      type: 'boolean',
      description: 'Stop after the summary instead of serving the interface.',
    },
    quick: { type: 'boolean', description: 'Small sample files (seconds to make).' },
    port: {
      type: 'string',
      valueName: 'N',
      description: "The interface's port (default: a free one).",
    },
  },
};
