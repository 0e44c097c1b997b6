import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dailiesError, type AppInfo, type Handlers } from '../shared/contract';
import { analyseAssetRunner } from './analysis/analyse-asset';
import { AnalysisService } from './analysis/analysis-service';
import { DeliveryRulesService } from './analysis/delivery-rules-service';
import { assertNever } from '../shared/assert-never';
import { readAppInfo } from './app/app-info';
import { AssetService } from './catalog/asset-service';
import { acquireDataDirLock } from './catalog/data-dir-lock';
import { MetadataService } from './catalog/metadata-service';
import { openCatalog } from './catalog/open-catalog';
import { AnalysisRepository } from './catalog/repositories/analysis-repository';
import { AssetRepository } from './catalog/repositories/asset-repository';
import { AssetSearchRepository } from './catalog/repositories/asset-search-repository';
import { DeliveryRuleRepository } from './catalog/repositories/delivery-rule-repository';
import { EditHistoryRepository } from './catalog/repositories/edit-history-repository';
import { JobRepository } from './catalog/repositories/job-repository';
import { LocationRepository } from './catalog/repositories/location-repository';
import { SettingsRepository } from './catalog/repositories/settings-repository';
import { WatchFolderRepository } from './catalog/repositories/watch-folder-repository';
import { createTransact } from './catalog/transact';
import { EventBus, type EventListener } from './events/event-bus';
import { IngestRecorder } from './ingest/ingest-recorder';
import { IngestService } from './ingest/ingest-service';
import { videoExtensionSet } from './ingest/video-extensions';
import { WatchFolderService } from './ingest/watch-folder-service';
import { JobQueue } from './jobs/job-queue';
import { createFileLogger, type Logger } from './logging/logger';
import { SecretRedactor } from './logging/redactor';
import { bundledToolPath } from './media/bundled-tools';
import type { ToolName } from './media/locate-tools';
import { MediaTools } from './media/media-tools';
import { createDispatcher, type Dispatch } from './rpc/dispatcher';
import { SettingsService } from './settings/settings-service';
import { ProfileRepository } from './catalog/repositories/profile-repository';
import { readNetworkConfig } from './network/network-config';
import { createNetworkFetch } from './network/network-fetch';
import { createS3RequestHandler } from './network/s3-request-handler';
import { AccountService } from './profiles/account-service';
import { ConnectionTest } from './profiles/connection-test';
import { ProfileService, type StoredProfile } from './profiles/profile-service';
import { CredentialSources } from './secrets/credential-sources';
import { KeyringSecretStore } from './secrets/keyring-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { createPlatformClient } from './sync/platform/platform-client';
import { createS3Client } from './sync/s3-client-factory';
import { defaultRetryPolicy, sleepFor, type RetryPolicy } from './sync/retry-policy';
import { SyncStateRepository } from './catalog/repositories/sync-state-repository';
import { syncAssetRunner } from './sync/pipeline/sync-asset';
import { syncConnector } from './sync/pipeline/sync-connection';
import { SyncService } from './sync/pipeline/sync-service';
import { createBandwidthLimiter, type BandwidthLimiter } from './sync/upload/bandwidth-limiter';
import { systemClock } from './sync/upload/clock';
import { UploadSessionRepository } from './sync/upload/upload-session-repository';
import type { UploadProgress } from './sync/upload/upload-progress';
import type { UploaderOptions } from './sync/upload/upload-types';

export interface EngineOptions {
  /** Where the catalog, thumbnails and logs live. Created when missing. */
  dataDir: string;
  /** Which host runs this engine; shown in app info and in the data-dir lock. */
  host: AppInfo['host'];
  version: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** The drizzle migrations folder; a packaged app passes its resources path. */
  migrationsDir?: string;
  bundledToolPath?: (name: ToolName) => string | null;
  redactor?: SecretRedactor;
  /** Mirror log lines somewhere besides the data dir (a console). */
  logEcho?: (line: string) => void;
  /** How long a watched file must stop growing before it is ingested (default 3 s). */
  watchSettleMs?: number;
  /**
   * Where secrets live; the OS keychain under the service "dailies" when not given. Tests
   * pass a KeyringSecretStore under a unique service name.
   */
  secrets?: SecretStore;
  /**
   * Whether the environment and the AWS chain come before the keychain (see
   * CredentialSources). Default: true for the CLI and the web host, false for the desktop.
   */
  headless?: boolean;
  /** How the queue retries a transient failure (a timeout, a file still changing). */
  jobRetryPolicy?: RetryPolicy;
  /** At most one job.progress event per job per this many ms (default 100). */
  jobProgressIntervalMs?: number;
  /** How each sync step (an S3 call, a platform call) retries; bounded, then the asset fails. */
  syncRetryPolicy?: RetryPolicy;
  /** Uploader settings beyond the profile's (tests use small parts and thresholds). */
  uploaderOptions?: Partial<UploaderOptions>;
  /**
   * The limiter every upload shares (its rate follows the profile). Default: one on the system
   * clock; tests pass one on a virtual clock to check its accounting.
   */
  bandwidthLimiter?: BandwidthLimiter;
  /** Told the pid of every ffmpeg/ffprobe the analysis starts (logs, leak checks in tests). */
  onToolSpawn?: (pid: number) => void;
}

/** Analysis retries only what time may cure: three attempts, a few seconds apart. */
export const analysisRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

export interface Engine {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly redactor: SecretRedactor;
  /** Validates and runs one contract call. Every host goes through this. */
  readonly dispatch: Dispatch;
  subscribe(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

export const defaultMigrationsDir = fileURLToPath(new URL('./catalog/migrations', import.meta.url));

/**
 * The composition root: every service is built here from explicit dependencies, so a test
 * makes a whole engine from a temp dir and nothing else changes.
 */
export function createEngine(options: EngineOptions): Engine {
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const lock = acquireDataDirLock(dataDir, options.host, now());
  const redactor = options.redactor ?? new SecretRedactor();
  const logger = createFileLogger({
    dir: path.join(dataDir, 'logs'),
    redactor,
    now,
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

  const events = new EventBus();
  const settings = new SettingsService(
    new SettingsRepository(catalog.db),
    events,
    logger.child('settings'),
    now,
  );
  const tools = new MediaTools({
    env,
    bundledPath: options.bundledToolPath ?? bundledToolPath,
    settingsPath: (name) =>
      name === 'ffprobe' ? settings.get().ffprobePath : settings.get().ffmpegPath,
  });
  let queue: JobQueue | null = null;
  const stopToolWatch = events.subscribe((event) => {
    if (event.name !== 'settings.changed') return;
    tools.invalidate();
    queue?.poke(); // the analysis concurrency may have changed
  });

  const transact = createTransact(catalog.sqlite);
  const assetRepository = new AssetRepository(catalog.db);
  const locationRepository = new LocationRepository(catalog.db);
  const historyRepository = new EditHistoryRepository(catalog.db);
  const analysisRepository = new AnalysisRepository(catalog.db);
  const actor = `${currentUser()} (${options.host})`;
  const videoExtensions = () => videoExtensionSet(settings.get().extraVideoExtensions);
  const assetService = new AssetService({
    assets: assetRepository,
    locations: locationRepository,
    search: new AssetSearchRepository(catalog.db),
    analysis: analysisRepository,
    transact,
    events,
    now,
  });
  const metadata = new MetadataService({
    assets: assetRepository,
    locations: locationRepository,
    analysis: analysisRepository,
    history: historyRepository,
    transact,
    events,
    now,
    actor,
  });
  const ingest = new IngestService({
    recorder: new IngestRecorder({
      assets: assetRepository,
      locations: locationRepository,
      history: historyRepository,
      transact,
      actor,
    }),
    events,
    logger: logger.child('ingest'),
    now,
    videoExtensions,
    onRecorded: (ids) => analysis.queueIfNeeded(ids),
  });
  const watchFolders = new WatchFolderService({
    repository: new WatchFolderRepository(catalog.db),
    ingest,
    logger: logger.child('watch'),
    now,
    videoExtensions,
    ...(options.watchSettleMs === undefined ? {} : { settleMs: options.watchSettleMs }),
  });

  const secretStore =
    options.secrets ?? new KeyringSecretStore({ redactor, platform: process.platform });
  const credentials = new CredentialSources({
    store: secretStore,
    redactor,
    env,
    logger: logger.child('secrets'),
    headless: options.headless ?? options.host !== 'electron',
  });
  const network = readNetworkConfig(env);
  for (const problem of network.problems) logger.warn(problem);
  const networkFetch = createNetworkFetch(network);
  const profileRepository = new ProfileRepository(catalog.db);
  const profiles = new ProfileService({
    repository: profileRepository,
    transact,
    store: secretStore,
    credentials,
    logger: logger.child('profiles'),
    now,
  });
  /** A file that changed under a job is hashed again (which queues its analysis). */
  const reingest = (file: string) => {
    ingest.addPaths([file], { restoreTrashed: false }).catch((error: unknown) => {
      logger.warn('re-ingest of a changed file failed', { file, error: String(error) });
    });
  };
  /** Sync workers: the active profile's upload concurrency. */
  const activeUploadConcurrency = () => {
    try {
      return profiles.active()?.config.upload.concurrency ?? 4;
    } catch {
      return 1; // a profile this version cannot read: the jobs fail with its message
    }
  };
  const platformClientFor = (
    profile: StoredProfileLike,
    accessToken: () => Promise<string | undefined>,
    fetch: typeof globalThis.fetch = networkFetch.fetch,
  ) =>
    createPlatformClient({
      baseUrl: profile.config.apiBaseUrl,
      fetch,
      internalToken: async () => (await credentials.internalToken(profile.id))?.value,
      accessToken,
      now: () => now().getTime(),
      redactor,
      logger: logger.child('platform'),
      userAgent: `Dailies/${options.version}`,
    });
  const account = new AccountService({
    profiles,
    repository: profileRepository,
    store: secretStore,
    credentials,
    platformClient: (profile, accessToken) => platformClientFor(profile, accessToken),
    logger: logger.child('account'),
    now,
  });
  const connectionTest = new ConnectionTest({
    profiles,
    credentials,
    account,
    platformClient: (profile, fetch) =>
      platformClientFor(profile, () => account.accessToken(profile.id), fetch),
    fetch: networkFetch.fetch,
    s3Client: (profile, keys) => {
      const requestHandler = createS3RequestHandler(network, {
        endpoint: profile.config.s3Endpoint,
        region: profile.config.region,
      });
      return createS3Client({
        profile: profile.config,
        credentials: keys,
        ...(requestHandler ? { requestHandler } : {}),
      });
    },
    logger: logger.child('connection'),
    now,
  });
  const retryPolicy = options.jobRetryPolicy ?? analysisRetryPolicy;
  const deliveryRules = new DeliveryRulesService({
    repository: new DeliveryRuleRepository(catalog.db),
    transact,
    now,
    onDefaultChanged: () => analysis.recheckDelivery(),
  });
  const analysing = new Map<number, string>();
  const syncStates = new SyncStateRepository(catalog.db);
  const syncLive = new Map<number, UploadProgress>();
  const syncRetry = {
    policy: options.syncRetryPolicy ?? defaultRetryPolicy,
    runtime: { random: Math.random, now: () => Date.now(), sleep: sleepFor },
  };
  const connectSync = syncConnector({
    profile: (id) => profiles.stored(id),
    s3Keys: (id) => credentials.s3Credentials(id),
    s3Client: (config, keys) => {
      const requestHandler = createS3RequestHandler(network, {
        endpoint: config.s3Endpoint,
        region: config.region,
      });
      return createS3Client({
        profile: config,
        credentials: keys,
        ...(requestHandler ? { requestHandler } : {}),
      });
    },
    platformClient: (id, config) =>
      platformClientFor({ id, config }, () => account.accessToken(id)),
    accessToken: (id) => account.accessToken(id),
    sessions: new UploadSessionRepository(catalog.db),
    retry: syncRetry,
    limiter:
      options.bandwidthLimiter ?? createBandwidthLimiter({ bytesPerSecond: 0, clock: systemClock }),
    ...(options.uploaderOptions ? { uploaderOptions: options.uploaderOptions } : {}),
  });
  let sync: SyncService | null = null;
  const jobQueue = new JobQueue({
    repository: new JobRepository(catalog.db),
    transact,
    events,
    logger: logger.child('jobs'),
    now,
    retryPolicy,
    concurrency: (kind) => {
      switch (kind) {
        case 'analyse':
          return settings.get().analysisConcurrency ?? os.availableParallelism();
        case 'sync':
          return activeUploadConcurrency();
        default:
          return assertNever(kind, 'job kind');
      }
    },
    ...(options.jobProgressIntervalMs === undefined
      ? {}
      : { progressIntervalMs: options.jobProgressIntervalMs }),
    onGiveUp: (jobId, spec, error) => sync?.onGiveUp(jobId, spec, error) ?? 'fail',
    runners: {
      sync: syncAssetRunner({
        assets: assetRepository,
        locations: locationRepository,
        analysis: analysisRepository,
        states: syncStates,
        transact,
        events,
        now,
        logger: logger.child('sync'),
        connect: connectSync,
        retry: syncRetry,
        onFileChanged: (file) => reingest(file),
        live: syncLive,
      }),
      analyse: analyseAssetRunner({
        dataDir,
        assets: assetRepository,
        locations: locationRepository,
        results: analysisRepository,
        transact,
        events,
        now,
        tools,
        stills: () => ({
          thumbnailWidth: settings.get().thumbnailWidth,
          filmstripFrames: settings.get().filmstripFrames,
        }),
        deliveryRules: () => deliveryRules.defaultRules(),
        maxAttempts: retryPolicy.maxAttempts,
        inFlight: analysing,
        onFileChanged: (file) => reingest(file),
        ...(options.onToolSpawn ? { onSpawn: options.onToolSpawn } : {}),
      }),
    },
  });
  queue = jobQueue;
  sync = new SyncService({
    assets: assetRepository,
    analysis: analysisRepository,
    states: syncStates,
    queue: jobQueue,
    transact,
    events,
    logger: logger.child('sync'),
    now,
    connect: connectSync,
    activeProfileId: () => profiles.active()?.id ?? null,
    applyMetadata: (id, patch) => {
      metadata.update(id, patch);
    },
    live: syncLive,
  });
  const syncService = sync;
  const analysis = new AnalysisService({
    assets: assetRepository,
    results: analysisRepository,
    queue: jobQueue,
    inFlight: analysing,
    rules: deliveryRules,
    transact,
    logger: logger.child('analysis'),
  });

  const handlers: Handlers = {
    'app.info': () => readAppInfo({ version: options.version, host: options.host, dataDir }, tools),
    'settings.get': async () => settings.get(),
    'settings.set': async (patch) => settings.set(patch),
    'assets.addPaths': ({ paths }) => ingest.addPaths(paths),
    'assets.search': async (input) => assetService.search(input),
    'assets.get': async ({ id }) => assetService.get(id),
    'assets.update': async ({ id, patch, expectedRevision }) =>
      metadata.update(id, patch, expectedRevision),
    'assets.bulkUpdate': async ({ ids, patch }) => metadata.bulkUpdate(ids, patch),
    'assets.history': async ({ id, limit }) => metadata.history(id, limit),
    'assets.undo': async ({ id }) => metadata.undo(id),
    'assets.remove': async ({ ids }) => ({ removed: assetService.remove(ids) }),
    'assets.restore': async ({ ids }) => ({ restored: assetService.restore(ids) }),
    'assets.trash': async (input) => assetService.trash(input),
    'trash.empty': async () => ({ deleted: assetService.emptyTrash() }),
    'watchFolders.list': async () => watchFolders.list(),
    'watchFolders.add': async ({ path: folder }) => watchFolders.add(folder),
    'watchFolders.remove': async ({ id }) => ({ removed: watchFolders.remove(id) }),
    'profiles.list': () => profiles.list(),
    'profiles.get': ({ id }) => profiles.get(id),
    'profiles.create': (input) => profiles.create(input),
    'profiles.update': ({ id, patch }) => profiles.update(id, patch),
    'profiles.remove': ({ id }) => profiles.remove(id),
    'profiles.activate': ({ id }) => profiles.activate(id),
    'profiles.setSecret': async ({ profileId, kind, value }) => {
      const status = await profiles.setSecret(profileId, kind, value);
      syncService.resumeStoppedForAuth(profileId);
      return status;
    },
    'profiles.clearSecret': ({ profileId, kind }) => profiles.clearSecret(profileId, kind),
    'profiles.testConnection': ({ profileId }) => connectionTest.run(profileId),
    'account.signIn': async ({ profileId, email, password }) => {
      const status = await account.signIn(profileId, email, password);
      syncService.resumeStoppedForAuth(profileId);
      return status;
    },
    'account.status': ({ profileId }) => account.status(profileId),
    'account.signOut': ({ profileId }) => account.signOut(profileId),
    'analysis.start': async ({ assetIds, force }) => analysis.start(assetIds, force),
    'analysis.get': async ({ assetId }) => analysis.get(assetId),
    'deliveryRules.list': async () => deliveryRules.list(),
    'deliveryRules.save': async (input) => deliveryRules.save(input),
    'deliveryRules.remove': async ({ id }) => ({ removed: deliveryRules.remove(id) }),
    'jobs.list': async (filter) => jobQueue.list(filter),
    'jobs.pause': async (selection) => ({ changed: await jobQueue.pause(selection) }),
    'jobs.resume': async (selection) => ({ changed: jobQueue.resume(selection) }),
    'jobs.cancel': async (selection) => ({ changed: await jobQueue.cancel(selection) }),
    'jobs.retry': async (selection) => ({ changed: jobQueue.retry(selection) }),
    'jobs.reorder': async () => {
      throw dailiesError('E_NOT_IMPLEMENTED', 'Reordering the queue is not built yet.');
    },
    'sync.enqueue': async (input) => syncService.enqueue(input),
    'sync.status': async ({ assetIds }) => syncService.status(assetIds),
    'sync.resolveConflict': ({ assetId, keep }) => {
      if (typeof keep !== 'string')
        throw dailiesError('E_NOT_IMPLEMENTED', 'Field-by-field choices are not built yet.');
      return syncService.resolveConflict(assetId, keep);
    },
    'sync.overview': async () => {
      throw dailiesError('E_NOT_IMPLEMENTED', 'The queue overview is not built yet.');
    },
    'sync.reconcile': ({ profileId }) => syncService.reconcile(profileId),
    'sync.cleanupUploads': ({ profileId, olderThanHours }) =>
      syncService.cleanupUploads(profileId, olderThanHours),
    'sync.listForeignUploads': ({ profileId }) => syncService.listForeignUploads(profileId),
  };

  let disposed = false;
  const dispatch = createDispatcher(handlers, logger.child('rpc'));
  logger.info('engine started', { dataDir, host: options.host, version: options.version });
  events.emit('engine.ready', { dataDir });
  deliveryRules.ensureDefault();
  jobQueue.start();
  analysis.queueAwaiting();
  watchFolders.start();

  return {
    dataDir,
    logger,
    redactor,
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
      await watchFolders.dispose();
      await ingest.dispose();
      // Running jobs are stopped and their ffmpeg children reaped before the catalog closes.
      await jobQueue.dispose();
      syncService.dispose();
      events.clear();
      await networkFetch.close();
      catalog.close();
      logger.info('engine stopped');
      lock.release();
    },
  };
}

type StoredProfileLike = Pick<StoredProfile, 'id' | 'config'>;

function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Some containers run under a uid with no passwd entry.
    return 'unknown user';
  }
}
