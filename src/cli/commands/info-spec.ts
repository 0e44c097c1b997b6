import type { CommandSpec } from '../command';

/** What help says about `dailies info`; loaded without the command (and the engine). */
export const infoSpec: CommandSpec = {
  name: 'info',
  summary: 'Show the version, the data folder and the ffmpeg/ffprobe Dailies uses.',
  usage: '[--json]',
  details: 'Exits 4 when ffmpeg or ffprobe is missing, so a script can check a machine with it.',
  options: {},
};
