import type { CommandSpec } from '../command';

/** What help says about `dailies set`; loaded without the command (and the engine). */
export const setSpec: CommandSpec = {
  name: 'set',
  summary: 'Change the metadata of assets, checked exactly as the app checks it.',
  usage:
    '<asset>... [--title T] [--description D] [--age-rating R] [--content-id N] [--tags a,b] [--dry-run]',
  details:
    'Assets are named by id (12), content id (#12) or file path. A synced asset whose\n' +
    'platform fields change is sent again at its next upload.\n\n' +
    'Examples:\n' +
    '  dailies set 3 --title "The Dark Knight" --age-rating 15+\n' +
    '  dailies set "#21" "#22" --add-tag festival --dry-run',
  options: {
    title: { type: 'string', valueName: 'T', description: 'The title.' },
    description: { type: 'string', valueName: 'D', description: 'The description.' },
    'age-rating': { type: 'string', valueName: 'R', description: 'ALL, 12+, 15+ or 18+.' },
    'content-id': { type: 'string', valueName: 'N', description: "The platform's content id." },
    slug: { type: 'string', valueName: 'S', description: 'The slug in the object names.' },
    tags: { type: 'string', valueName: 'A,B', description: 'Replace the tags (comma-separated).' },
    'add-tag': { type: 'string', multiple: true, valueName: 'TAG', description: 'Add a tag.' },
    'remove-tag': {
      type: 'string',
      multiple: true,
      valueName: 'TAG',
      description: 'Remove a tag.',
    },
    notes: { type: 'string', valueName: 'TEXT', description: 'Private notes.' },
    'dry-run': { type: 'boolean', description: 'Show the changes; change nothing.' },
  },
};
