import { dailiesError, isDailiesError, type DailiesError } from '../../shared/contract';
import type { Logger } from '../logging/logger';
import { parseRetryAfter } from '../time/retry-after';
import { withRetry, type Retrying } from '../time/retry-policy';

export interface TmdbClientOptions {
  /** e.g. https://api.themoviedb.org (requests go to `/3/...`). */
  baseUrl: string;
  /** The proxy- and CA-aware fetch of the network layer. */
  fetch: typeof globalThis.fetch;
  /** The token or key in use, or null when none is set (read per request: it may change). */
  token: () => Promise<string | null>;
  retrying: Retrying;
  /** One request's limit; a slower answer is a retryable timeout. */
  timeoutMs: number;
  logger: Logger;
}

/** GETs one TMDB API v3 path and answers its parsed JSON; failures are DailiesErrors. */
export interface TmdbClient {
  get(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<unknown>;
}

export const missingTokenError = (): DailiesError =>
  dailiesError(
    'E_TMDB_AUTH',
    'No TMDB key is set. Paste your TMDB API read access token (or API key) in Account → TMDB, or ' +
      'set DAILIES_TMDB_TOKEN for the command line.',
    { details: { reason: 'missing' } },
  );

/**
 * A v4 read access token is a JWT (three dot-separated parts) and goes in the Authorization
 * header; anything else is a v3 API key, which TMDB only takes as the api_key parameter.
 */
function isReadAccessToken(token: string): boolean {
  return token.split('.').length === 3;
}

export function createTmdbClient(options: TmdbClientOptions): TmdbClient {
  const { logger } = options;

  async function once(
    path: string,
    params: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const token = await options.token();
    if (token === null) throw missingTokenError();
    const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}${path}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (isReadAccessToken(token)) headers.authorization = `Bearer ${token}`;
    else url.searchParams.set('api_key', token);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const notAnswered = (error: unknown): DailiesError => {
      if (signal?.aborted) return dailiesError('E_CANCELLED', 'The TMDB lookup was cancelled.');
      if (timeout.aborted) {
        return dailiesError('E_TIMEOUT', 'TMDB did not answer in time. Try again later.', {
          retryable: true,
        });
      }
      // Only the path is logged: a v3 key travels in the query.
      logger.warn('TMDB unreachable', { path, error: String(error) });
      return dailiesError(
        'E_NETWORK',
        'Could not reach TMDB: this computer seems to be offline, or a proxy blocks it.',
        { retryable: true, details: { offline: true } },
      );
    };
    let response: Response;
    try {
      response = await options.fetch(url, {
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      throw notAnswered(error);
    }
    // The limit covers the body too: an answer that stops half-way is a timeout (or a cut
    // connection), to try again, not an answer that cannot be read.
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw notAnswered(error);
    }
    logger.debug('TMDB answered', { path, status: response.status });
    if (response.status === 401) {
      throw dailiesError(
        'E_TMDB_AUTH',
        'TMDB refused the key. Check the TMDB read access token (or API key) in Account → TMDB.',
        { details: { reason: 'refused' } },
      );
    }
    if (response.status === 404) {
      throw dailiesError('E_NOT_FOUND', 'TMDB has no such title. Check the TMDB id and kind.', {
        details: { path },
      });
    }
    if (response.status === 429) {
      const retryAfterMs =
        parseRetryAfter(response.headers.get('retry-after'), options.retrying.clock.now()) ??
        10_000;
      throw dailiesError(
        'E_RATE_LIMITED',
        `TMDB asks Dailies to slow down; trying again in ${Math.ceil(retryAfterMs / 1000)} s.`,
        { retryable: true, details: { retryAfterMs } },
      );
    }
    if (!response.ok) {
      throw dailiesError('E_NETWORK', `TMDB answered ${response.status}. Try again later.`, {
        retryable: response.status >= 500,
        details: { status: response.status },
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw malformedAnswer(path);
    }
  }

  return {
    get: (path, params, signal) =>
      withRetry(() => once(path, params, signal), {
        ...options.retrying,
        ...(signal ? { signal } : {}),
        onRetry: (info) =>
          logger.info('retrying a TMDB request', {
            path,
            delayMs: info.delayMs,
            code: info.error.code,
          }),
      }),
  };
}

export function malformedAnswer(path: string): DailiesError {
  return dailiesError(
    'E_NETWORK',
    'TMDB sent an answer Dailies cannot read. Try again later; if it persists, a proxy may be ' +
      'changing the answers.',
    { details: { path, malformed: true } },
  );
}

/** Errors after which an answer fetched before is better than nothing. */
export function isUnreachable(error: unknown): boolean {
  return (
    isDailiesError(error) &&
    (error.code === 'E_NETWORK' || error.code === 'E_TIMEOUT' || error.code === 'E_RATE_LIMITED')
  );
}
