import { syncStepSchema } from '../../shared/contract';
import type { CatalogDb } from '../catalog/open-catalog';
import { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import { defaultRetryPolicy, type RetryPolicy } from '../time/retry-policy';
import { syncAssetRunner } from '../sync/sync-asset';
import { logRetry } from '../sync/sync-log';
import { rememberedWrites } from '../sync/remembered-writes';
import { SettingsRepository } from '../catalog/repositories/settings-repository';
import { probeConnection, syncConnector } from '../sync/sync-connection';
import { clockTime, SyncHolds } from '../sync/sync-holds';
import { parseUploadWindow } from '../storage/upload/upload-window';
import { SyncService } from '../sync/sync-service';
import { editResend } from '../sync/edit-resend';
import type { AnalysisRuns } from '../sync/analysis-runs';
import type { DeliveryGateDeps } from '../sync/delivery-gate';
import { SyncOverviewService } from '../sync/sync-overview';
import { MAX_UPLOAD_PLACES, syncAdmission } from '../sync/sync-admission';
import { UploadProgressRegistry } from '../sync/upload-progress-registry';
import { createBandwidthLimiter, type BandwidthLimiter } from '../storage/upload/bandwidth-limiter';
import type { Clock } from '../time/clock';
import { UploadSessionRepository } from '../catalog/repositories/upload-session-repository';
import type { UploaderOptions } from '../storage/upload/upload-types';
import type { CatalogDomain } from './catalog-domain';
import type { HandlersOf } from './domain-handlers';
import type { ProfilesDomain } from './profiles-domain';

/**
 * Sync jobs running at once over all profiles: the places all profiles share, each taken by
 * up to four small files (upload-places.ts). What may start is `syncAdmission`'s to say.
 */
const MAX_SYNC_JOBS = MAX_UPLOAD_PLACES * 4;

export interface SyncDomainDeps {
  db: CatalogDb;
  transact: Transact;
  events: EventBus;
  logger: Logger;
  /** Stamps, the upload window, the offline probe's backoff, retries and measured rates. */
  clock: Clock;
  /** The queue the sync job registers with (its runner, admission, give-up and change hooks). */
  queue: JobQueue;
  catalog: Pick<CatalogDomain, 'repositories' | 'reingest' | 'metadata'>;
  /** The profile's delivery rules and the stored analyses judged against them. */
  delivery: DeliveryGateDeps;
  /** Analyses under way: a send may start at the early verdict and waits for the stills. */
  analysisRuns: AnalysisRuns;
  profiles: Pick<
    ProfilesDomain,
    'profiles' | 'credentials' | 'account' | 'platformClientFor' | 's3ClientFor'
  >;
  retryPolicy?: RetryPolicy | undefined;
  uploaderOptions?: Partial<UploaderOptions> | undefined;
  /** The limiter every upload shares; one on the engine's clock when not given. */
  limiter?: BandwidthLimiter | undefined;
  /** The `resendEditsAutomatically` setting: an edit to a synced asset queues its re-send. */
  resendEditsAutomatically: () => boolean;
}

/**
 * The sync job (registered with the queue) and the sync.* methods: the service, the holds
 * and the overview, which the queue tells of the sync jobs' changes through the kind's hooks.
 */
export function composeSync(deps: SyncDomainDeps) {
  const { queue } = deps;
  const { assets, locations, analysis } = deps.catalog.repositories;
  const { profiles, credentials, account } = deps.profiles;
  const states = new SyncStateRepository(deps.db);
  const { clock } = deps;
  const live = new UploadProgressRegistry();
  const sessions = new UploadSessionRepository(deps.db);
  const retry = {
    policy: deps.retryPolicy ?? defaultRetryPolicy,
    clock,
    observe: logRetry(deps.logger.child('sync')),
  };
  const connect = syncConnector({
    profile: (id) => profiles.stored(id),
    s3Keys: (id) => credentials.s3Credentials(id),
    s3Client: deps.profiles.s3ClientFor,
    platformClient: (id, config) =>
      deps.profiles.platformClientFor({ id, config }, () => account.accessToken(id)),
    accessToken: (id) => account.accessToken(id),
    sessions,
    retry,
    limiter: deps.limiter ?? createBandwidthLimiter({ bytesPerSecond: 0, clock }),
    clock,
    conditionalWrites: rememberedWrites(new SettingsRepository(deps.db), clock),
    onWindowWait: (assetId, msLeft) => {
      const step = states.find(assetId)?.step;
      deps.events.emit('sync.progress', {
        assetId,
        step: syncStepSchema.catch('pending').parse(step),
        activity: `waiting for the upload window (opens ${clockTime(new Date(clock.now() + msLeft))})`,
        upload: null,
      });
    },
    ...(deps.uploaderOptions ? { uploaderOptions: deps.uploaderOptions } : {}),
  });
  const profileForHolds = (id: string) => {
    try {
      const { config } = profiles.stored(id);
      const window = config.upload.timeWindow ? parseUploadWindow(config.upload.timeWindow) : null;
      return { name: config.name, window };
    } catch {
      return null; // removed, or written by another version: its jobs say so
    }
  };

  const sync = new SyncService({
    assets,
    analysis,
    states,
    queue,
    transact: deps.transact,
    events: deps.events,
    logger: deps.logger.child('sync'),
    clock: deps.clock,
    connect,
    activeProfileId: () => profiles.active()?.id ?? null,
    requireProfile: (id) => void profiles.stored(id),
    applyMetadata: (id, patch) => {
      deps.catalog.metadata.update(id, patch);
    },
    live,
    delivery: deps.delivery,
    analysisRuns: deps.analysisRuns,
    recordOverride: (id, failure) => deps.catalog.metadata.recordDeliveryOverride(id, failure),
  });
  const stopEditResend = deps.events.subscribe(
    editResend({
      assets,
      states,
      sync,
      logger: deps.logger.child('sync'),
      enabled: deps.resendEditsAutomatically,
    }),
  );
  // The holds tell the overview they changed; the overview lists the holds.
  const holds = new SyncHolds({
    queue,
    states,
    logger: deps.logger.child('sync'),
    clock,
    probe: (profileId) => probeConnection(connect, profileId),
    profile: profileForHolds,
    onChange: () => overview.changed(),
  });
  const overview = new SyncOverviewService({
    queue,
    assets,
    analysis,
    states,
    sessions,
    events: deps.events,
    live,
    holds: () => holds.list(),
    clock,
  });
  queue.register('sync', {
    runner: syncAssetRunner({
      assets,
      locations,
      analysis,
      states,
      transact: deps.transact,
      events: deps.events,
      clock: deps.clock,
      logger: deps.logger.child('sync'),
      connect,
      retry,
      onFileChanged: (file) => deps.catalog.reingest(file),
      live,
      delivery: deps.delivery,
      analysisRuns: deps.analysisRuns,
    }),
    // Over all profiles; each profile's own limit is `admit`.
    concurrency: () => MAX_SYNC_JOBS,
    /** A sync job starts while its profile's running sends leave room (sync-admission.ts). */
    admit: syncAdmission({
      uploadSettings: (profileId) => {
        try {
          return profiles.stored(profileId).config.upload;
        } catch {
          return null; // a profile this version cannot read: its jobs fail with its message
        }
      },
      sizeOf: (assetId) => assets.findById(assetId)?.sizeBytes ?? null,
      uploaderOptions: deps.uploaderOptions,
    }),
    onGiveUp: (jobId, spec, error) => holds.onGiveUp(jobId, spec, error),
    onChange: (job) => {
      sync.followJob(job);
      overview.jobChanged(job);
    },
  });

  const handlers: HandlersOf<'sync.'> = {
    'sync.enqueue': async (input) => sync.enqueue(input),
    'sync.enqueueReady': async (input) => sync.enqueueReady(input),
    'sync.status': async ({ assetIds }) => sync.status(assetIds),
    'sync.resolveConflict': async ({ assetId, keep }) => {
      const status = await sync.resolveConflict(assetId, keep);
      // No job changes when the platform's values were kept: the overview must still learn
      // that the failure is settled, or the badge keeps counting it.
      overview.changed();
      return status;
    },
    'sync.overview': async () => overview.get(),
    'sync.reconcile': ({ profileId }) => sync.reconcile(profileId),
    'sync.cleanupUploads': ({ profileId, olderThanHours }) =>
      sync.cleanupUploads(profileId, olderThanHours),
    'sync.listForeignUploads': ({ profileId }) => sync.listForeignUploads(profileId),
    'sync.abortForeignUpload': ({ profileId, key, uploadId }) =>
      sync.abortForeignUpload(profileId, key, uploadId),
  };
  return {
    service: sync,
    holds,
    handlers,
    /** Its upload concurrency or window may have changed: schedule and report again. */
    profileChanged: () => {
      queue.poke();
      overview.changed();
    },
    dispose: () => {
      sync.dispose();
      stopEditResend();
      holds.dispose();
      overview.dispose();
    },
  };
}
