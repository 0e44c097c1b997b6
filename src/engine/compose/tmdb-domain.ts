import type { Asset } from '../../shared/contract';
import type { CatalogDb } from '../catalog/open-catalog';
import { TmdbRepository } from '../catalog/repositories/tmdb-repository';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { SecretRedactor } from '../logging/redactor';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsService } from '../settings/settings-service';
import type { Clock } from '../time/clock';
import { applySuggestions } from '../tmdb/apply-suggestions';
import { TmdbCache } from '../tmdb/tmdb-cache';
import { createTmdbClient } from '../tmdb/tmdb-client';
import { tmdbLookupRunner } from '../tmdb/tmdb-lookup-job';
import { TmdbService } from '../tmdb/tmdb-service';
import { TmdbToken } from '../tmdb/tmdb-token';
import type { CatalogDomain } from './catalog-domain';
import type { HandlersOf } from './domain-handlers';
import type { TmdbOptions } from './engine-options';

export interface TmdbDomainDeps {
  db: CatalogDb;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  redactor: SecretRedactor;
  headless: boolean;
  secretStore: SecretStore;
  fetch: typeof globalThis.fetch;
  catalog: Pick<CatalogDomain, 'assetService' | 'metadata'>;
  settings: SettingsService;
  queue: Pick<JobQueue, 'register' | 'enqueue' | 'activeForAsset'>;
  options: TmdbOptions;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** TMDB lookups, suggestions, the token, and the bulk lookup job. */
export function composeTmdb(deps: TmdbDomainDeps) {
  const logger = deps.logger.child('tmdb');
  const options = deps.options;
  const repository = new TmdbRepository(deps.db);
  const token = new TmdbToken({
    store: deps.secretStore,
    redactor: deps.redactor,
    env: deps.env,
    headless: deps.headless,
  });
  const client = createTmdbClient({
    baseUrl: options.baseUrl ?? deps.env.DAILIES_TMDB_BASE_URL ?? 'https://api.themoviedb.org',
    fetch: deps.fetch,
    token: () => token.value(),
    retrying: {
      clock: deps.clock,
      policy: options.retryPolicy ?? {
        maxAttempts: 3,
        baseDelayMs: 500,
        maxDelayMs: 5_000,
        maxRetryAfterMs: 60_000,
      },
    },
    timeoutMs: options.timeoutMs ?? 10_000,
    logger,
  });
  const cache = new TmdbCache({
    client,
    repository,
    clock: deps.clock,
    logger,
    maxAgeMs: options.maxAgeMs ?? 7 * DAY_MS,
  });
  const getAsset = (id: number): Asset => deps.catalog.assetService.get(id);
  const service = new TmdbService({
    cache,
    repository,
    getAsset,
    language: () => deps.settings.get().tmdbLanguage,
    imageBaseUrl:
      options.imageBaseUrl ?? deps.env.DAILIES_TMDB_IMAGE_BASE_URL ?? 'https://image.tmdb.org/t/p',
    events: deps.events,
  });
  deps.queue.register('tmdb-lookup', {
    runner: tmdbLookupRunner({ service, events: deps.events }),
    // Two at a time stays well inside TMDB's rate limit (about 40 requests a second).
    concurrency: () => 2,
    // A missing or refused key holds the batch (paused) until the editor fixes it and resumes.
    onGiveUp: (_jobId, _spec, error) => (error.code === 'E_TMDB_AUTH' ? { hold: error } : 'fail'),
  });
  const status = async () => ({
    token: await token.status(),
    language: deps.settings.get().tmdbLanguage,
  });
  const handlers: HandlersOf<'tmdb.'> = {
    'tmdb.status': status,
    'tmdb.setToken': async ({ value }) => {
      await token.set(value);
      return status();
    },
    'tmdb.clearToken': async () => {
      const removed = await token.clear();
      return { ...(await status()), removed };
    },
    'tmdb.lookup': (input) => service.lookup(input),
    'tmdb.candidates': async ({ assetId }) => service.candidates(assetId),
    'tmdb.suggestions': (input) => service.suggestions(input),
    'tmdb.apply': (input) =>
      applySuggestions(
        {
          suggestions: (applyInput) => service.suggestions(applyInput),
          getAsset,
          update: (id, patch, revision) => deps.catalog.metadata.update(id, patch, revision),
          latestBatchId: (id) => deps.catalog.metadata.history(id, 1)[0]?.batchId ?? null,
          repository,
          clock: deps.clock,
        },
        input,
      ),
    'tmdb.suggestForSelection': async ({ assetIds }) => {
      const jobIds: number[] = [];
      for (const assetId of new Set(assetIds)) {
        getAsset(assetId);
        const active = deps.queue.activeForAsset('tmdb-lookup', assetId);
        jobIds.push(active[0]?.id ?? deps.queue.enqueue({ kind: 'tmdb-lookup', assetId }).id);
      }
      return { queued: jobIds.length, jobIds };
    },
  };
  return { service, token, handlers };
}
