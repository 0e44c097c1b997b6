import type { CommandSpec } from '../command';

/** What help says about `dailies suggest`; loaded without the command (and the engine). */
export const suggestSpec: CommandSpec = {
  name: 'suggest',
  summary: 'Look assets up on TMDB: candidates, and title, overview and age rating to accept.',
  usage:
    '<asset>... [--tmdb-id N] [--kind movie|tv] [--query Q] [--year Y] [--apply title,overview,age-rating]',
  details:
    'Without --tmdb-id the asset title is searched (movies and TV); a single confident match\n' +
    'is picked, otherwise the candidates are listed for you to choose with --tmdb-id.\n' +
    '--apply accepts the named fields of the picked item as an ordinary edit (undo with the\n' +
    'app or `dailies set`). The key comes from DAILIES_TMDB_TOKEN or the keychain.\n\n' +
    'Examples:\n' +
    '  dailies suggest 3\n' +
    '  dailies suggest 3 --tmdb-id 496243 --apply title,overview,age-rating\n' +
    '  dailies suggest "#21" --tmdb-id 66732 --kind tv --json',
  options: {
    'tmdb-id': { type: 'string', valueName: 'N', description: 'The TMDB id to use.' },
    kind: { type: 'string', valueName: 'K', description: 'movie or tv (default: both / movie).' },
    query: { type: 'string', valueName: 'Q', description: 'Search for this instead of the title.' },
    year: { type: 'string', valueName: 'Y', description: 'Release or first-air year.' },
    language: { type: 'string', valueName: 'L', description: 'ko-KR or en-US (default: setting).' },
    apply: {
      type: 'string',
      valueName: 'F,..',
      description: 'Accept these fields: title, overview, age-rating.',
    },
  },
};
