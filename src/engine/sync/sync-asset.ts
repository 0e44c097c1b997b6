import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  DailiesError,
  dailiesError,
  isDailiesError,
  type SyncJobSpec,
  type SyncStep,
} from '../../shared/contract';
import { syncSteps } from '../../shared/contract/sync';
import type { AnalysisRepository } from '../catalog/repositories/analysis-repository';
import type { AssetRepository, AssetRow } from '../catalog/repositories/asset-repository';
import type { LocationRepository } from '../catalog/repositories/location-repository';
import type {
  SyncStateRepository,
  SyncStateRow,
  SyncStateUpdate,
} from '../catalog/repositories/sync-state-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { JobContext } from '../jobs/job-runner';
import type { Logger } from '../logging/logger';
import { objectMetadata } from '../storage/object-metadata';
import { s3Url, thumbnailObjectKey, videoObjectKey } from '../storage/object-keys';
import { withRetry, type RetryPolicy, type RetryRuntime } from '../time/retry-policy';
import type { UploadProgress } from '../storage/upload/upload-progress';
import { createContentOnce } from './ensure-content';
import { refreshObjectMetadata, serverSideEncryption } from './object-metadata-refresh';
import { differsFrom, parseSnapshot, remoteChanges, snapshotOf } from './remote-snapshot';
import type { ConnectSync, SyncConnection } from './sync-connection';
import type { UploadProgressWriter } from './upload-progress-registry';

export interface SyncAssetDeps {
  assets: AssetRepository;
  locations: LocationRepository;
  analysis: AnalysisRepository;
  states: SyncStateRepository;
  transact: Transact;
  events: EventBus;
  now: () => Date;
  logger: Logger;
  connect: ConnectSync;
  retry: { policy: RetryPolicy; runtime: RetryRuntime };
  /** The file changed under us: hash it again (which queues a new analysis). */
  onFileChanged: (file: string) => void;
  /** Live upload progress per asset, for sync.status. */
  live: UploadProgressWriter;
}

const order = (step: SyncStep) => syncSteps.indexOf(step);
const done = (state: SyncStateRow, step: SyncStep) => order(state.step as SyncStep) >= order(step);

/** Rough share of the whole job each step ends at, for job.progress. */
const percentAt: Record<SyncStep, number> = {
  pending: 0,
  content: 5,
  video: 85,
  thumbnail: 90,
  metadata: 95,
  registered: 99,
  synced: 100,
};

/**
 * The `sync` job: one asset through ensure content id -> upload video -> upload thumbnail ->
 * upsert metadata -> register the video asset -> synced, each step recorded in sync_state
 * before the next starts, so any restart resumes at the first unfinished one. A synced asset
 * that was edited re-sends only its metadata, after checking the platform's copy.
 */
export function syncAssetRunner(deps: SyncAssetDeps) {
  return async (spec: SyncJobSpec, context: JobContext): Promise<void> => {
    const asset = deps.assets.findById(spec.assetId);
    if (!asset || asset.deletedAt !== null) return;
    const connection = await deps.connect(spec.profileId);
    let file: string | null = null;
    try {
      const state =
        deps.states.find(asset.id) ??
        deps.states.upsert(asset.id, { profileId: spec.profileId }, nowIso(deps));
      if (asset.syncedAt !== null && state.step === 'synced') {
        await resendMetadata(deps, connection, asset, state, context);
      } else {
        file = await pipeline(deps, connection, asset, state, context);
      }
      emit(deps, asset.id, 'synced', 'synced');
      context.progress({ stage: 'synced', percent: 100, file });
    } catch (thrown) {
      throw finalError(deps, asset, thrown, context.signal);
    } finally {
      deps.live.delete(asset.id);
      connection.close();
    }
  };
}

async function pipeline(
  deps: SyncAssetDeps,
  connection: SyncConnection,
  asset: AssetRow,
  initial: SyncStateRow,
  context: JobContext,
): Promise<string> {
  const { signal } = context;
  const { config } = connection;
  let state = initial;
  const step = (next: SyncStep, fields: SyncStateUpdate, activity: string) => {
    state = record(deps, asset.id, { ...fields, step: next }, next, activity);
    context.progress({ stage: next, percent: percentAt[next], file: null });
  };

  // 1. Content id: entered or parsed, or created once (the intent recorded first).
  let contentId = asset.contentId;
  if (contentId === null || !done(state, 'content')) {
    if (contentId === null) {
      const intent =
        state.contentIntentAt && state.contentIntentTitle
          ? { at: state.contentIntentAt, title: state.contentIntentTitle }
          : null;
      contentId = await createContentOnce(
        {
          retry: deps.retry,
          recordIntent: (next) =>
            deps.states.upsert(
              asset.id,
              { contentIntentAt: next.at, contentIntentTitle: next.title },
              nowIso(deps),
            ),
          contentIdInUse: (id) => deps.assets.contentIdInUse(id, asset.id),
        },
        connection,
        { title: asset.title, description: asset.description, ageRating: asset.ageRating },
        intent,
        deps.now,
        signal,
      );
      const id = contentId;
      deps.transact(() => {
        deps.assets.update(asset.id, { contentId: id, updatedAt: nowIso(deps) });
        state = deps.states.upsert(
          asset.id,
          {
            step: 'content',
            profileId: connection.profileId,
            contentIntentAt: null,
            contentIntentTitle: null,
          },
          nowIso(deps),
        );
      });
      deps.events.emit('assets.changed', { reason: 'updated', ids: [asset.id] });
      emit(deps, asset.id, 'content', 'content created');
    } else {
      step('content', { profileId: connection.profileId }, 'content id set');
    }
  }

  // The keys follow content id and slug, which the editor may change until synced.
  const current = deps.assets.findById(asset.id) ?? asset;
  const parts = { keyPrefix: config.keyPrefix, contentId, slug: current.slug };
  const videoKey = videoObjectKey({ ...parts, extension: current.extension });
  const thumbnailKey = thumbnailObjectKey(parts);
  if (state.videoKey !== videoKey || state.videoSha256 !== current.sha256) {
    if (done(state, 'video')) step('content', {}, 'keys changed');
  }
  if (state.thumbnailKey !== thumbnailKey && done(state, 'thumbnail'))
    step('video', {}, 'keys changed');

  const metadata = objectMetadata({
    sha256: current.sha256,
    contentId,
    title: current.title,
    description: current.description,
    ageRating: current.ageRating,
  });
  const encryption = serverSideEncryption(config.encryption);
  const onProgress = (stage: 'video' | 'thumbnail') => (progress: UploadProgress) => {
    deps.live.set(asset.id, progress);
    deps.events.emit('sync.progress', {
      assetId: asset.id,
      step: state.step as SyncStep,
      activity: `uploading ${stage}`,
      upload: uploadView(progress),
    });
    if (stage === 'video' && progress.totalBytes > 0) {
      const share = progress.bytesSent / progress.totalBytes;
      context.progress({ stage, percent: 5 + 80 * share, file: progress.key });
    }
  };

  // 2. The video object.
  const location = videoFile(deps, current);
  if (!done(state, 'video')) {
    emit(deps, asset.id, state.step as SyncStep, 'uploading video');
    await connection.uploader.upload({
      assetId: asset.id,
      filePath: location.path,
      bucket: config.bucket,
      key: videoKey,
      sha256: current.sha256,
      expected: { sizeBytes: location.sizeBytes, mtimeMs: location.mtimeMs },
      metadata,
      encryption,
      signal,
      onProgress: onProgress('video'),
    });
    deps.live.delete(asset.id);
    step('video', { videoKey, videoSha256: current.sha256 }, 'video uploaded');
  }

  // 3. The thumbnail object.
  if (!done(state, 'thumbnail')) {
    const thumbnail = thumbnailFile(deps, current);
    await connection.uploader.upload({
      assetId: asset.id,
      filePath: thumbnail.path,
      bucket: config.bucket,
      key: thumbnailKey,
      sha256: thumbnail.sha256,
      expected: { sizeBytes: thumbnail.size, mtimeMs: thumbnail.mtimeMs },
      metadata: { ...metadata, sha256: thumbnail.sha256 },
      contentType: 'image/jpeg',
      encryption,
      signal,
      onProgress: onProgress('thumbnail'),
    });
    deps.live.delete(asset.id);
    step('thumbnail', { thumbnailKey }, 'thumbnail uploaded');
  }

  // 4. Title, description, age rating (idempotent upsert).
  if (!done(state, 'metadata')) {
    const sent = deps.assets.findById(asset.id) ?? current;
    const content = await retried(deps, signal, () =>
      connection.platform.upsertContent(
        contentId,
        { title: sent.title, description: sent.description, age_rating: sent.ageRating },
        { signal },
      ),
    );
    step(
      'metadata',
      { remoteSnapshotJson: JSON.stringify(snapshotOf(content)), syncedRevision: sent.revision },
      'metadata sent',
    );
  }

  // 5. The video asset (keyed by content id + video_url on the platform, so idempotent).
  if (!done(state, 'registered')) {
    const registered = await retried(deps, signal, () =>
      connection.platform.registerVideoAsset(
        contentId,
        {
          content_id: contentId,
          video_url: s3Url(config.bucket, videoKey),
          thumbnail_url: s3Url(config.bucket, thumbnailKey),
          duration: current.durationSeconds,
          resolution: current.resolutionClass,
        },
        { signal },
      ),
    );
    step('registered', { remoteAssetId: registered.id }, 'registered');
  }

  finishSynced(deps, asset.id, state);
  return location.path;
}

/** Editing a synced asset: read the platform's copy back; a remote change is a conflict. */
async function resendMetadata(
  deps: SyncAssetDeps,
  connection: SyncConnection,
  asset: AssetRow,
  state: SyncStateRow,
  context: JobContext,
): Promise<void> {
  const { signal } = context;
  const contentId = asset.contentId;
  if (contentId === null) throw dailiesError('E_INTERNAL', 'A synced asset has no content id.');
  emit(deps, asset.id, 'synced', 'checking the platform');
  const remote = await retried(deps, signal, () =>
    connection.platform.getContent(contentId, { signal }),
  );
  const base = parseSnapshot(state.remoteSnapshotJson);
  const ours = { title: asset.title, description: asset.description, ageRating: asset.ageRating };
  const changed = base ? remoteChanges(base, snapshotOf(remote), ours) : [];
  if (changed.length > 0) {
    const conflict = { contentId, detectedAt: nowIso(deps), fields: changed };
    deps.states.upsert(asset.id, { conflictJson: JSON.stringify(conflict) }, nowIso(deps));
    throw dailiesError(
      'E_CONFLICT',
      `"${asset.title}" was changed on the platform since your last sync ` +
        `(${changed.map((field) => field.field).join(', ')}). Dailies did not overwrite it: ` +
        'choose which version to keep.',
      { details: { assetId: asset.id, contentId, conflict } },
    );
  }
  const content = await retried(deps, signal, () =>
    connection.platform.upsertContent(
      contentId,
      { title: ours.title, description: ours.description, age_rating: asset.ageRating },
      { signal },
    ),
  );
  const snapshot = snapshotOf(content);
  deps.states.upsert(
    asset.id,
    {
      remoteSnapshotJson: JSON.stringify(snapshot),
      syncedRevision: asset.revision,
      conflictJson: null,
    },
    nowIso(deps),
  );
  // The platform has it and that is recorded: a retry after a failure here finds no conflict.
  emit(deps, asset.id, 'synced', 'updating the objects’ metadata');
  await refreshObjectMetadata(
    connection,
    asset,
    state,
    deps.analysis.findByAssetId(asset.id)?.thumbnailPath ?? null,
    deps.logger,
    signal,
  );
  finishSynced(deps, asset.id, deps.states.find(asset.id) ?? state);
}

/** Synced, or dirty again when the editor changed a platform field while we sent. */
function finishSynced(deps: SyncAssetDeps, assetId: number, state: SyncStateRow): void {
  const at = nowIso(deps);
  deps.transact(() => {
    const now = deps.assets.findById(assetId);
    if (!now) return;
    const snapshot = parseSnapshot(state.remoteSnapshotJson);
    const ours = { title: now.title, description: now.description, ageRating: now.ageRating };
    const status = snapshot && differsFrom(snapshot, ours) ? 'dirty' : 'synced';
    deps.assets.recordSync(assetId, { syncedAt: now.syncedAt ?? at, status }, at);
    deps.states.upsert(assetId, { step: 'synced', lastErrorJson: null, conflictJson: null }, at);
  });
  deps.events.emit('assets.changed', { reason: 'updated', ids: [assetId] });
}

function retried<T>(deps: SyncAssetDeps, signal: AbortSignal, call: () => Promise<T>) {
  return withRetry(call, { ...deps.retry, signal });
}

function record(
  deps: SyncAssetDeps,
  assetId: number,
  fields: SyncStateUpdate,
  step: SyncStep,
  activity: string,
): SyncStateRow {
  const row = deps.states.upsert(assetId, fields, nowIso(deps));
  emit(deps, assetId, step, activity);
  return row;
}

function emit(deps: SyncAssetDeps, assetId: number, step: SyncStep, activity: string) {
  deps.events.emit('sync.progress', { assetId, step, activity, upload: null });
}

export function uploadView(progress: UploadProgress) {
  return {
    key: progress.key,
    bytesSent: progress.bytesSent,
    bytesTotal: progress.totalBytes,
    bytesPerSecond: progress.bytesPerSecond,
    etaSeconds: progress.etaSeconds ?? null,
  };
}

/** The first location that is a readable path, with the size and mtime the catalog hashed. */
function videoFile(deps: SyncAssetDeps, asset: AssetRow) {
  const locations = deps.locations.findByAssetIds([asset.id]);
  for (const location of locations) {
    if (location.pathBytes) continue;
    if (fs.existsSync(location.path)) return location;
  }
  throw dailiesError(
    'E_FILE_MISSING',
    `The file of "${asset.title}" is not where Dailies last saw it (${locations[0]?.path ?? 'no path'}). ` +
      'Reconnect the drive or add the file again.',
    { details: { assetId: asset.id } },
  );
}

function thumbnailFile(deps: SyncAssetDeps, asset: AssetRow) {
  const file = deps.analysis.findByAssetId(asset.id)?.thumbnailPath;
  if (!file || !fs.existsSync(file)) {
    throw dailiesError(
      'E_VALIDATION',
      `"${asset.title}" has no thumbnail yet: analyse it before syncing.`,
      { details: { assetId: asset.id } },
    );
  }
  const bytes = fs.readFileSync(file);
  const stat = fs.statSync(file);
  return {
    path: file,
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * What the job ends with. Retryable errors arrive here only after the step's bounded retries,
 * so the queue must not retry them again; the reason is kept on the asset's sync state.
 */
function finalError(
  deps: SyncAssetDeps,
  asset: AssetRow,
  thrown: unknown,
  signal: AbortSignal,
): DailiesError {
  let error = isDailiesError(thrown)
    ? thrown
    : dailiesError('E_INTERNAL', 'Something went wrong while syncing.', {
        details: { cause: thrown instanceof Error ? thrown.message : String(thrown) },
      });
  if (signal.aborted) return error; // paused, cancelled or shutting down: nothing to record
  if (error.code === 'E_FILE_CHANGED') {
    deps.assets.flagForAnalysis(asset.id, nowIso(deps));
    // The file guard names the file that changed; when that is the thumbnail (made again
    // meanwhile), the video is hashed again anyway, which re-analyses it and its thumbnail.
    const changed = typeof error.details?.path === 'string' ? error.details.path : null;
    const locations = deps.locations.findByAssetIds([asset.id]);
    const video = locations.find((location) => location.path === changed) ?? locations[0];
    deps.onFileChanged(video?.path ?? asset.fileName);
    error = new DailiesError({
      ...error.toValue(),
      message:
        `"${asset.title}" changed on disk while it was uploading, so the upload stopped. ` +
        'Dailies analyses it again; queue it once that is done.',
      retryable: false,
    });
  } else if (error.retryable) {
    error = new DailiesError({ ...error.toValue(), retryable: false });
  }
  deps.states.upsert(asset.id, { lastErrorJson: JSON.stringify(error.toValue()) }, nowIso(deps));
  deps.logger.warn('sync failed', { assetId: asset.id, code: error.code });
  return error;
}

function nowIso(deps: SyncAssetDeps): string {
  return deps.now().toISOString();
}
