import type { z } from 'zod';
import type { TmdbRepository } from '../catalog/repositories/tmdb-repository';
import type { Logger } from '../logging/logger';
import { isoNow, type Clock } from '../time/clock';
import { isUnreachable, malformedAnswer, type TmdbClient } from './tmdb-client';

export interface CachedAnswer<T> {
  data: T;
  fetchedAt: string;
  /** Read from the catalog rather than fetched just now. */
  fromCache: boolean;
  /** TMDB could not be reached, so the answer fetched before stood in, however old. */
  offline: boolean;
}

export interface TmdbCacheOptions {
  client: TmdbClient;
  repository: TmdbRepository;
  clock: Clock;
  logger: Logger;
  /** How long an answer is used without asking TMDB again. */
  maxAgeMs: number;
}

/** The catalog key of one request: the path and its parameters, sorted; never the token. */
export function requestKey(path: string, params: Record<string, string>): string {
  const query = new URLSearchParams(
    Object.entries(params).sort(([a], [b]) => a.localeCompare(b)),
  ).toString();
  return query === '' ? path : `${path}?${query}`;
}

/**
 * TMDB answers through the catalog: a recent answer is used as it is (repeated lookups need
 * no network), an older one is refreshed, and when TMDB cannot be reached (offline, timeout,
 * rate limit) the answer fetched before is used, however old, with its fetch time.
 */
export class TmdbCache {
  constructor(private readonly options: TmdbCacheOptions) {}

  async get<S extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: S,
    signal?: AbortSignal,
  ): Promise<CachedAnswer<z.output<S>>> {
    const { repository, clock } = this.options;
    const key = requestKey(path, params);
    const stored = repository.answer(key);
    const parsedStored = stored === null ? null : parseStored(schema, stored.bodyJson);
    if (stored !== null && parsedStored !== null) {
      const age = clock.now() - Date.parse(stored.fetchedAt);
      if (age >= 0 && age < this.options.maxAgeMs) {
        return { data: parsedStored, fetchedAt: stored.fetchedAt, fromCache: true, offline: false };
      }
    }
    let body: unknown;
    try {
      body = await this.options.client.get(path, params, signal);
    } catch (error) {
      if (stored !== null && parsedStored !== null && isUnreachable(error)) {
        this.options.logger.info('TMDB unreachable; using the answer fetched before', {
          path,
          fetchedAt: stored.fetchedAt,
        });
        return { data: parsedStored, fetchedAt: stored.fetchedAt, fromCache: true, offline: true };
      }
      throw error;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw malformedAnswer(path);
    const fetchedAt = isoNow(clock);
    repository.saveAnswer(key, JSON.stringify(body), fetchedAt);
    return { data: parsed.data, fetchedAt, fromCache: false, offline: false };
  }
}

function parseStored<S extends z.ZodType>(schema: S, json: string): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
