import { dailiesError } from '../../shared/contract';
import type { HandlersOf } from './domain-handlers';

const notYet = () =>
  Promise.reject(dailiesError('E_INTERNAL', 'TMDB suggestions are not available yet.'));

/** TMDB lookups, suggestions and the bulk lookup job. */
export function composeTmdb() {
  const handlers: HandlersOf<'tmdb.'> = {
    'tmdb.status': notYet,
    'tmdb.setToken': notYet,
    'tmdb.clearToken': notYet,
    'tmdb.lookup': notYet,
    'tmdb.candidates': notYet,
    'tmdb.suggestions': notYet,
    'tmdb.apply': notYet,
    'tmdb.suggestForSelection': notYet,
  };
  return { handlers };
}
