import { DailiesError } from '../../shared/contract/errors';
import { errorMessage } from './error-message';

/** What went wrong with TMDB, sorted the way the view offers a way out. */
export type TmdbProblemKind = 'no-token' | 'refused' | 'offline' | 'rate-limited' | 'other';

export interface TmdbProblem {
  kind: TmdbProblemKind;
  message: string;
}

const seconds = (ms: unknown) =>
  typeof ms === 'number' && ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : null;

/**
 * A TMDB call's failure as a sentence an editor can act on. The engine's own message is kept
 * for anything not listed; the listed ones name the place to fix them (the Account view).
 */
export function tmdbProblemOf(error: unknown): TmdbProblem {
  if (!(error instanceof DailiesError)) return { kind: 'other', message: errorMessage(error) };
  if (error.code === 'E_TMDB_AUTH') {
    return error.details?.reason === 'refused'
      ? {
          kind: 'refused',
          message:
            'TMDB refused the token. Check it on themoviedb.org and store it again in Account → TMDB.',
        }
      : {
          kind: 'no-token',
          message:
            'No TMDB token is set. Store a TMDB read access token or API key in Account → TMDB.',
        };
  }
  if (error.code === 'E_RATE_LIMITED') {
    const wait = seconds(error.details?.retryAfterMs);
    return {
      kind: 'rate-limited',
      message: `TMDB asks to slow down.${wait ? ` Try again in ${wait} s.` : ' Try again shortly.'}`,
    };
  }
  if (error.code === 'E_NETWORK' || error.code === 'E_TIMEOUT') {
    return {
      kind: 'offline',
      message: `TMDB cannot be reached, and nothing was fetched for this search before. ${error.message}`,
    };
  }
  return { kind: 'other', message: error.message };
}
