import type { CommandSpec } from '../command';

/** What help says about `dailies watch`; loaded without the command (and the engine). */
export const watchSpec: CommandSpec = {
  name: 'watch',
  summary: 'Watch a folder until Ctrl+C: ingest each new file once it stops growing.',
  usage: '<folder> [--upload] [--profile P]',
  details:
    'What is already in the folder is ingested first. A file is taken once its size stops\n' +
    'changing (a copy still in progress is left alone). With --upload each analysed file is\n' +
    'queued and sent at once. Ctrl+C stops; uploads in flight stay resumable.\n\n' +
    'Example:\n  dailies watch /Volumes/Renders/out --upload',
  options: {
    upload: { type: 'boolean', description: 'Send each file once it is analysed.' },
    profile: { type: 'string', valueName: 'P', description: 'The profile (id or name).' },
  },
};
