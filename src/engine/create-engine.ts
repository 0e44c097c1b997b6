import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dailiesError, type Handlers } from '../shared/contract';
import { acquireDataDirLock } from './catalog/data-dir-lock';
import { openCatalog } from './catalog/open-catalog';
import { createTransact } from './catalog/transact';
import { analysisSettled } from './analysis/analysis-settled';
import { composeAnalysis } from './compose/analysis-domain';
import { composeCatalog } from './compose/catalog-domain';
import type { Engine, EngineOptions } from './compose/engine-options';
import { composeJobs } from './compose/jobs-domain';
import { composeProfiles } from './compose/profiles-domain';
import { composeSettings } from './compose/settings-domain';
import { composeSync } from './compose/sync-domain';
import { composeTmdb } from './compose/tmdb-domain';
import { BulkRuns } from './events/bulk-runs';
import { EventBus } from './events/event-bus';
import { createFileLogger } from './logging/logger';
import { SecretRedactor } from './logging/redactor';
import { privateDir } from './logging/private-files';
import { bundledToolPath } from './media/bundled-tools';
import { defaultSpawnerChannel, ToolLauncher } from './media/tool-launcher';
import { createDispatcher } from './rpc/dispatcher';
import { systemClock } from './time/clock';
import type { RetryPolicy } from './time/retry-policy';

export type { Engine, EngineOptions } from './compose/engine-options';

/** Analysis retries only what time may cure: three attempts, a few seconds apart. */
export const analysisRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

export const defaultMigrationsDir = fileURLToPath(new URL('./catalog/migrations', import.meta.url));

/**
 * The composition root: every service is built from explicit dependencies (one compose/*
 * function per domain), so a test makes a whole engine from a temp dir and nothing else
 * changes.
 */
export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const dataDir = path.resolve(options.dataDir);
  privateDir(dataDir);

  const lock = acquireDataDirLock(dataDir, options.host, new Date(clock.now()));
  const redactor = options.redactor ?? new SecretRedactor();
  const logger = createFileLogger({
    dir: path.join(dataDir, 'logs'),
    redactor,
    now: () => new Date(clock.now()),
    ...(options.logEcho ? { echo: options.logEcho } : {}),
  });

  let catalog;
  try {
    catalog = openCatalog({
      dataDir,
      migrationsDir: options.migrationsDir ?? defaultMigrationsDir,
      logger: logger.child('catalog'),
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const { db } = catalog;
  const events = new EventBus(logger.child('events'));
  const transact = createTransact(catalog.sqlite);
  // Every whole-batch call (a bulk edit, removal, pause of all jobs...) runs as one of these,
  // so bulk.cancel can stop it by the runId its bulk.progress events carry.
  const bulkRuns = new BulkRuns(events, options.bulkStepItems ?? null);
  const base = { db, transact, events, bulkRuns, logger, clock };
  // The engine's own tool spawner, handed to what runs tools and closed with the engine.
  const toolLauncher = new ToolLauncher(options.toolSpawner ?? defaultSpawnerChannel(), clock);

  const { settings, tools, ...settingsDomain } = composeSettings({
    ...base,
    env,
    bundledToolPath: options.bundledToolPath ?? bundledToolPath,
    app: { version: options.version, host: options.host, dataDir },
    redactor,
    profiles: async () => profilesDomain.handlers['profiles.list']({}),
    launcher: toolLauncher,
  });
  // The queue first: the analysis and sync domains register their kinds of job with it.
  const retryPolicy = options.jobRetryPolicy ?? analysisRetryPolicy;
  const jobs = composeJobs({
    ...base,
    retryPolicy,
    ...(options.jobProgressIntervalMs === undefined
      ? {}
      : { progressIntervalMs: options.jobProgressIntervalMs }),
  });
  const jobQueue = jobs.queue;
  const stopToolWatch = events.subscribe((event) => {
    if (event.name !== 'settings.changed') return;
    tools.invalidate();
    jobQueue.poke(); // the analysis concurrency may have changed
  });

  const catalogDomain = composeCatalog({
    ...base,
    actor: `${currentUser()} (${options.host})`,
    extraVideoExtensions: () => settings.get().extraVideoExtensions,
    watchSettleMs: options.watchSettleMs,
    onRecorded: (ids) => analysisDomain.service.queueIfNeeded(ids),
    onRemoved: (ids) => syncDomain.service.assetsRemoved(ids),
  });
  const profilesDomain = composeProfiles({
    ...base,
    env,
    redactor,
    version: options.version,
    secrets: options.secrets,
    headless: options.headless ?? options.host !== 'electron',
    onSecretsFixed: (profileId) => void syncDomain.holds.release(profileId, 'auth'),
    onProfileChanged: () => {
      syncDomain.profileChanged();
      // The active profile may name another delivery rule set than the reports were judged on.
      analysisDomain.service.recheckDelivery();
    },
  });
  const analysisDomain = composeAnalysis({
    ...base,
    dataDir,
    catalog: catalogDomain,
    settings,
    tools,
    queue: jobQueue,
    maxAttempts: retryPolicy.maxAttempts,
    onToolSpawn: options.onToolSpawn,
    launcher: toolLauncher,
    activeRuleSetRef: () => activeProfile()?.config.deliveryRuleSetId ?? null,
    ruleSetUsers: (set) =>
      profilesDomain.profiles
        .storedAll()
        .filter((p) => {
          const ref = p.config.deliveryRuleSetId;
          return ref === set.name || ref === String(set.id);
        })
        .map((p) => p.config.name),
  });
  function activeProfile() {
    try {
      return profilesDomain.profiles.active();
    } catch {
      return null; // written by another version: its syncs say so
    }
  }
  const syncDomain = composeSync({
    ...base,
    catalog: catalogDomain,
    profiles: profilesDomain,
    delivery: {
      rulesFor: (profileId) =>
        analysisDomain.deliveryRules.resolve(
          profilesDomain.profiles.stored(profileId).config.deliveryRuleSetId,
        ),
      judge: (assetId, rules) => analysisDomain.service.deliveryFor(assetId, rules),
    },
    analysisRuns: {
      hasVerdict: (assetId, sha256) => analysisDomain.running.verdictOf(assetId, sha256) !== null,
      settled: analysisSettled(analysisDomain.running, jobQueue, clock),
    },
    queue: jobQueue,
    retryPolicy: options.syncRetryPolicy,
    uploaderOptions: options.uploaderOptions,
    limiter: options.bandwidthLimiter,
    resendEditsAutomatically: () => settings.get().resendEditsAutomatically,
  });

  const tmdbDomain = composeTmdb({
    ...base,
    env,
    redactor,
    headless: options.headless ?? options.host !== 'electron',
    secretStore: profilesDomain.secretStore,
    fetch: profilesDomain.networkFetch.fetch,
    catalog: catalogDomain,
    settings,
    queue: jobQueue,
    options: options.tmdb ?? {},
  });

  const handlers: Handlers = {
    ...settingsDomain.handlers,
    ...catalogDomain.handlers,
    ...profilesDomain.handlers,
    ...analysisDomain.handlers,
    ...jobs.handlers,
    'bulk.cancel': async ({ runId }) => ({ cancelled: bulkRuns.cancel(runId) }),
    ...syncDomain.handlers,
    ...tmdbDomain.handlers,
  };

  let disposed = false;
  const dispatch = createDispatcher(handlers, logger.child('rpc'));
  logger.info('engine started', { dataDir, host: options.host, version: options.version });
  events.emit('engine.ready', { dataDir });
  analysisDomain.deliveryRules.ensureDefault();
  if (options.startWork ?? true) {
    jobQueue.start();
    syncDomain.holds.start();
    analysisDomain.service.queueAwaiting().catch((error: unknown) => {
      logger.warn('queueing the analyses a previous run left undone failed', {
        error: String(error),
      });
    });
    catalogDomain.watchFolders.start();
  }

  return {
    dataDir,
    logger,
    redactor,
    toolLauncher,
    dispatch: (method, input) =>
      disposed
        ? Promise.resolve({
            ok: false,
            error: dailiesError('E_DISPOSED', 'Dailies is shutting down.').toValue(),
          })
        : dispatch(method, input),
    subscribe: (listener) => events.subscribe(listener),
    async dispose() {
      if (disposed) return;
      disposed = true;
      stopToolWatch();
      // Watchers and running ingests stop before the catalog they write to closes.
      await catalogDomain.watchFolders.dispose();
      await catalogDomain.ingest.dispose();
      // Running jobs are stopped and their ffmpeg children reaped before the catalog closes.
      // The queue marks its jobs stopped at once, before the launcher refuses new tools: a
      // job refused a tool while still counted as running would spend an attempt on the quit
      // (and fail on its last one with "Dailies is shutting down").
      const jobsStopped = jobQueue.dispose();
      // From now on no tool starts, directly or not.
      toolLauncher.stop();
      await jobsStopped;
      toolLauncher.close();
      syncDomain.dispose();
      events.clear();
      await profilesDomain.networkFetch.close();
      catalog.close();
      logger.info('engine stopped');
      lock.release();
    },
  };
}

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Some containers run under a uid with no passwd entry.
    return 'unknown user';
  }
}
