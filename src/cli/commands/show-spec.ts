import type { CommandSpec } from '../command';

/** What help says about `dailies show`; loaded without the command (and the engine). */
export const showSpec: CommandSpec = {
  name: 'show',
  summary: 'One asset: media info, delivery verdict, sync state, keys and history.',
  usage: '<asset> [--json]',
  details:
    'An asset is named by its id (12), its content id (#12) or the path of its file.\n\n' +
    'Examples:\n  dailies show 3\n  dailies show "#21" --json\n  dailies show ./renders/21_first-light.mp4',
  options: {},
};
