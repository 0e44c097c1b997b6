import { parseStoredJson } from '../catalog/parse-stored-json';
import fs from 'node:fs';
import {
  dailiesError,
  errorValueSchema,
  syncConflictSchema,
  type AssetStatus,
  type AssetSyncStatus,
  type ConflictChoice,
  type ErrorValue,
  type Job,
  type MethodOutput,
  type ReconcileFinding,
  type SyncConflict,
  type SyncStep,
} from '../../shared/contract';
import { syncSteps } from '../../shared/contract/sync';
import { ageRatingSchema, type MetadataPatch } from '../../shared/metadata/metadata-schema';
import type { AnalysisRepository } from '../catalog/repositories/analysis-repository';
import type { AssetRepository, AssetRow } from '../catalog/repositories/asset-repository';
import type {
  SyncStateRepository,
  SyncStateRow,
} from '../catalog/repositories/sync-state-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import { reconcileProfile } from './reconcile';
import { differsFrom, snapshotOf, type RemoteSnapshot } from './remote-snapshot';
import { uploadView } from './sync-asset';
import type { ConnectSync } from './sync-connection';
import type { UploadProgressReader } from './upload-progress-registry';

export interface SyncServiceDeps {
  assets: AssetRepository;
  analysis: AnalysisRepository;
  states: SyncStateRepository;
  queue: Pick<JobQueue, 'activeForAsset' | 'cancel' | 'enqueue' | 'latestForAssets'>;
  transact: Transact;
  events: EventBus;
  logger: Logger;
  now: () => Date;
  connect: ConnectSync;
  /** The profile to use when a call names none; E_NOT_FOUND when there is no profile. */
  activeProfileId: () => string | null;
  /** Takes the platform's values into the catalog as an edit (history, validation). */
  applyMetadata: (assetId: number, patch: MetadataPatch) => void;
  /** Live upload progress per asset (the sync runner writes it). */
  live: UploadProgressReader;
}

const ENQUEUEABLE: ReadonlySet<AssetStatus> = new Set(['ready', 'dirty', 'queued', 'uploading']);

/**
 * The sync queue as the editor sees it: which assets may go, where each stands, conflicts,
 * and the bucket housekeeping. The work itself is the `sync` job (sync-asset.ts).
 */
export class SyncService {
  constructor(private readonly deps: SyncServiceDeps) {}

  /**
   * Assets moved to the trash (the asset service's removal hook) stop syncing, and the
   * multipart uploads Dailies started for them are aborted (their parts cost storage). When
   * the bucket cannot be reached now, the sessions stay recorded, so sync.cleanupUploads
   * aborts them later.
   */
  assetsRemoved(assetIds: readonly number[]): void {
    this.#abandon(assetIds).catch((thrown: unknown) => {
      this.deps.logger.warn('stopping the syncs of removed assets failed', {
        error: String(thrown),
      });
    });
  }

  async #abandon(assetIds: readonly number[]): Promise<void> {
    const jobs = assetIds.flatMap((id) => this.deps.queue.activeForAsset('sync', id));
    if (jobs.length > 0) await this.deps.queue.cancel({ ids: jobs.map((job) => job.id) });
    const byProfile = new Map<string, number[]>();
    for (const id of assetIds) {
      const profileId = this.deps.states.find(id)?.profileId;
      if (profileId) byProfile.set(profileId, [...(byProfile.get(profileId) ?? []), id]);
    }
    for (const [profileId, ids] of byProfile) {
      const connection = await this.deps.connect(profileId);
      try {
        for (const id of ids) {
          const aborted = await connection.uploader.abortUploadsForAsset(id);
          if (aborted.length > 0)
            this.deps.logger.info('aborted the uploads of a removed asset', {
              assetId: id,
              keys: aborted.map((upload) => upload.key),
            });
        }
      } finally {
        connection.close();
      }
    }
  }

  enqueue(input: {
    assetIds: number[];
    profileId?: string | undefined;
    priority: number;
  }): MethodOutput<'sync.enqueue'> {
    const profileId = this.#profileId(input.profileId);
    const rows = new Map(this.deps.assets.findByIds(input.assetIds).map((row) => [row.id, row]));
    const problems: Array<{ assetId: number; reason: string }> = [];
    const toQueue: AssetRow[] = [];
    let alreadyQueued = 0;
    let alreadySynced = 0;
    for (const id of new Set(input.assetIds)) {
      const asset = rows.get(id);
      if (!asset || asset.deletedAt !== null) {
        problems.push({
          assetId: id,
          reason: 'it is not in the library (removed or in the trash)',
        });
      } else if (this.deps.queue.activeForAsset('sync', id).length > 0) {
        alreadyQueued += 1;
      } else if (asset.status === 'synced') {
        alreadySynced += 1;
      } else {
        const reason = this.#notReady(asset);
        if (reason) problems.push({ assetId: id, reason: `"${asset.title}" ${reason}` });
        else toQueue.push(asset);
      }
    }
    if (problems.length > 0) {
      throw dailiesError(
        'E_VALIDATION',
        problems.length === 1
          ? `Nothing was queued: ${problems[0]!.reason}.`
          : `Nothing was queued: ${problems.length} of the selected assets cannot be synced yet ` +
              `(${problems[0]!.reason}, ...).`,
        { details: { assets: problems } },
      );
    }
    const at = this.deps.now().toISOString();
    const jobIds = this.deps.transact(() =>
      toQueue.map((asset) => {
        const state = this.deps.states.find(asset.id);
        if (!state || state.step === 'pending')
          this.deps.states.upsert(asset.id, { profileId }, at);
        return this.deps.queue.enqueue(
          { kind: 'sync', assetId: asset.id, profileId },
          input.priority,
        ).id;
      }),
    );
    return { queued: jobIds.length, alreadyQueued, alreadySynced, jobIds };
  }

  status(assetIds?: number[]): AssetSyncStatus[] {
    const rows = assetIds ? this.deps.states.findMany(assetIds) : this.deps.states.all();
    const byId = new Map(rows.map((row) => [row.assetId, row]));
    const ids = assetIds ?? rows.map((row) => row.assetId);
    const jobs = this.deps.queue.latestForAssets('sync', ids);
    const assets = new Map(this.deps.assets.findByIds(ids).map((row) => [row.id, row]));
    return ids
      .filter((id) => assets.has(id))
      .map((id) => this.#statusOf(id, byId.get(id), jobs.get(id), assets.get(id)!));
  }

  /**
   * Settles a conflict for every field at once or field by field (every conflicting field
   * must be chosen). 'theirs' fields take the platform's current value into the catalog, as
   * one edit with history; 'ours' fields keep the catalog's. The platform's copy now becomes
   * the base; if the catalog still differs from it (an 'ours' field, or another edit), the
   * metadata re-send is queued, else the asset is synced as it stands.
   */
  async resolveConflict(assetId: number, keep: ConflictChoice): Promise<AssetSyncStatus> {
    const state = this.deps.states.find(assetId);
    const conflict = parseConflict(state?.conflictJson ?? null);
    if (!state || !conflict) {
      throw dailiesError('E_NOT_FOUND', 'This asset has no sync conflict to settle.', {
        details: { assetId },
      });
    }
    const sides = choicesFor(conflict, keep);
    const connection = await this.deps.connect(state.profileId ?? this.#profileId(undefined));
    try {
      const remote = snapshotOf(await connection.platform.getContent(conflict.contentId));
      const patch = theirsPatch(remote, sides);
      if (Object.keys(patch).length > 0) this.deps.applyMetadata(assetId, patch);
      const at = this.deps.now().toISOString();
      const asset = this.deps.assets.findById(assetId);
      const resend =
        asset !== undefined &&
        differsFrom(remote, {
          title: asset.title,
          description: asset.description,
          ageRating: asset.ageRating,
        });
      this.deps.transact(() => {
        this.deps.states.upsert(
          assetId,
          { remoteSnapshotJson: JSON.stringify(remote), conflictJson: null, lastErrorJson: null },
          at,
        );
        if (asset && !resend)
          this.deps.assets.recordSync(
            assetId,
            { syncedAt: asset.syncedAt ?? at, status: 'synced' },
            at,
          );
      });
      this.deps.events.emit('assets.changed', { reason: 'updated', ids: [assetId] });
      if (resend)
        this.enqueue({ assetIds: [assetId], profileId: connection.profileId, priority: 0 });
    } finally {
      connection.close();
    }
    return this.status([assetId])[0]!;
  }

  async reconcile(profileId?: string): Promise<MethodOutput<'sync.reconcile'>> {
    const id = this.#profileId(profileId);
    const connection = await this.deps.connect(id);
    try {
      const rows = this.deps.states.withKeys(id);
      const assets = new Map(
        this.deps.assets.findByIds(rows.map((row) => row.assetId)).map((row) => [row.id, row]),
      );
      const findings = await reconcileProfile(connection, rows, assets);
      this.#recordRemoteChanges(findings);
      return { profileId: id, checked: rows.length, findings };
    } finally {
      connection.close();
    }
  }

  /**
   * A remote change reconcile found becomes the asset's conflict, to settle field by field
   * with sync.resolveConflict, as one found before a re-send is: never overwritten silently.
   */
  #recordRemoteChanges(findings: ReconcileFinding[]): void {
    const at = this.deps.now().toISOString();
    const changed: number[] = [];
    this.deps.transact(() => {
      for (const finding of findings) {
        if (finding.kind !== 'remote-changed') continue;
        const conflict: SyncConflict = {
          contentId: finding.contentId,
          detectedAt: at,
          fields: finding.fields,
        };
        this.deps.states.upsert(finding.assetId, { conflictJson: JSON.stringify(conflict) }, at);
        changed.push(finding.assetId);
      }
    });
    if (changed.length > 0)
      this.deps.events.emit('assets.changed', { reason: 'updated', ids: changed });
  }

  async cleanupUploads(
    profileId: string | undefined,
    olderThanHours: number,
  ): Promise<MethodOutput<'sync.cleanupUploads'>> {
    const connection = await this.deps.connect(this.#profileId(profileId));
    try {
      const olderThan = new Date(this.deps.now().getTime() - olderThanHours * 3_600_000);
      const aborted = await connection.uploader.cleanupStaleUploads(
        connection.config.bucket,
        olderThan,
      );
      return { aborted };
    } finally {
      connection.close();
    }
  }

  /**
   * Aborts a colleague's unfinished upload the editor chose and confirmed. Only one that is
   * listed as foreign now: never one of ours, nor anything outside the profile's prefix.
   */
  async abortForeignUpload(
    profileId: string | undefined,
    key: string,
    uploadId: string,
  ): Promise<MethodOutput<'sync.abortForeignUpload'>> {
    const connection = await this.deps.connect(this.#profileId(profileId));
    try {
      const { bucket, keyPrefix } = connection.config;
      const found = (await connection.uploader.listForeignUploads(bucket, keyPrefix)).find(
        (upload) => upload.key === key && upload.uploadId === uploadId,
      );
      if (!found) {
        throw dailiesError(
          'E_NOT_FOUND',
          `No unfinished upload of someone else's is at ${key} any more (finished, aborted, ` +
            'or not under this profile’s prefix). Nothing was aborted.',
          { details: { key, uploadId } },
        );
      }
      await connection.uploader.abortForeignUpload(bucket, key, uploadId);
      this.deps.logger.warn('aborted a colleague’s unfinished upload', {
        key,
        uploadId,
        bytes: found.bytes,
      });
      return { key, uploadId, bytes: found.bytes };
    } finally {
      connection.close();
    }
  }

  async listForeignUploads(profileId?: string): Promise<MethodOutput<'sync.listForeignUploads'>> {
    const connection = await this.deps.connect(this.#profileId(profileId));
    try {
      const found = await connection.uploader.listForeignUploads(
        connection.config.bucket,
        connection.config.keyPrefix,
      );
      return found.map((upload) => ({
        ...upload,
        initiated: upload.initiated ?? null,
        initiator: upload.initiator ?? null,
      }));
    } finally {
      connection.close();
    }
  }

  /**
   * A sync job changed (the queue's hook for the kind): the asset's status follows it,
   * queued / uploading while it waits or runs, back to ready (or dirty) when it fails or is
   * cancelled.
   */
  followJob(job: Job): void {
    if (job.spec.kind !== 'sync') return;
    const asset = this.deps.assets.findById(job.spec.assetId);
    if (!asset || asset.deletedAt !== null) return;
    let next: AssetStatus | null = null;
    switch (job.state) {
      case 'queued':
      case 'paused':
        next = 'queued';
        break;
      case 'running':
        next = 'uploading';
        break;
      case 'failed':
      case 'cancelled':
        if (asset.status === 'queued' || asset.status === 'uploading')
          next = asset.syncedAt ? 'dirty' : 'ready';
        break;
      case 'done':
        break;
    }
    if (next === null || next === asset.status) return;
    if (next !== 'queued' && next !== 'uploading') {
      this.deps.assets.setStatus(asset.id, next, this.deps.now().toISOString());
    } else if (asset.status !== 'new' && asset.status !== 'analysing') {
      this.deps.assets.setStatus(asset.id, next, this.deps.now().toISOString());
    } else return;
    this.deps.events.emit('assets.changed', { reason: 'updated', ids: [asset.id] });
  }

  #notReady(asset: AssetRow): string | null {
    if (!ENQUEUEABLE.has(asset.status) || asset.needsAnalysis) {
      return asset.status === 'error'
        ? 'could not be analysed; fix the file and analyse it again'
        : 'is not analysed yet; wait for its analysis to finish';
    }
    if (asset.syncedAt !== null) return null; // only its metadata goes again
    const thumbnail = this.deps.analysis.findByAssetId(asset.id)?.thumbnailPath;
    if (!thumbnail || !fs.existsSync(thumbnail)) return 'has no thumbnail; analyse it again';
    return null;
  }

  #profileId(given: string | undefined): string {
    const id = given ?? this.deps.activeProfileId();
    if (id === null) {
      throw dailiesError(
        'E_NOT_FOUND',
        'Create an upload profile first: sync needs a bucket and a platform.',
      );
    }
    return id;
  }

  #statusOf(
    assetId: number,
    row: SyncStateRow | undefined,
    latestJob: Job | undefined,
    asset: AssetRow,
  ): AssetSyncStatus {
    const live = this.deps.live.get(assetId);
    // A finished job the sync state has moved on from (a conflict settled since it failed)
    // no longer speaks for the asset: its error and state are history.
    const settledSince =
      latestJob?.finishedAt != null && row !== undefined && row.updatedAt > latestJob.finishedAt;
    const job = settledSince ? undefined : latestJob;
    return {
      assetId,
      profileId: row?.profileId ?? null,
      step: stepOf(row?.step),
      jobId: job?.id ?? null,
      jobState: job?.state ?? null,
      upload: live ? uploadView(live) : null,
      contentId: asset.contentId,
      videoKey: row?.videoKey ?? null,
      thumbnailKey: row?.thumbnailKey ?? null,
      remoteAssetId: row?.remoteAssetId ?? null,
      lastError:
        parseError(row?.lastErrorJson ?? null) ?? (job?.state === 'failed' ? job.error : null),
      conflict: parseConflict(row?.conflictJson ?? null),
      updatedAt: row?.updatedAt ?? null,
    };
  }
}

type ConflictFieldName = SyncConflict['fields'][number]['field'];

/** The side chosen for each conflicting field; E_VALIDATION naming the fields left out. */
function choicesFor(
  conflict: SyncConflict,
  keep: ConflictChoice,
): Map<ConflictFieldName, 'ours' | 'theirs'> {
  const sides = new Map<ConflictFieldName, 'ours' | 'theirs'>();
  const missing: ConflictFieldName[] = [];
  for (const { field } of conflict.fields) {
    const side = typeof keep === 'string' ? keep : keep[field];
    if (side) sides.set(field, side);
    else missing.push(field);
  }
  if (missing.length > 0) {
    throw dailiesError(
      'E_VALIDATION',
      `Choose which version to keep for ${missing.map(fieldLabel).join(' and ')} too: ` +
        'every field changed on both sides needs a choice.',
      { details: { missing } },
    );
  }
  return sides;
}

function fieldLabel(field: ConflictFieldName): string {
  return field === 'ageRating' ? 'the age rating' : `the ${field}`;
}

/** The platform's values of the fields where 'theirs' was chosen, as a catalog edit. */
function theirsPatch(
  remote: RemoteSnapshot,
  sides: ReadonlyMap<ConflictFieldName, 'ours' | 'theirs'>,
): MetadataPatch {
  const patch: MetadataPatch = {};
  if (sides.get('title') === 'theirs') patch.title = remote.title;
  if (sides.get('description') === 'theirs') patch.description = remote.description ?? '';
  const rating = ageRatingSchema.safeParse(remote.age_rating);
  if (sides.get('ageRating') === 'theirs' && rating.success) patch.ageRating = rating.data;
  return patch;
}

function stepOf(step: string | undefined): SyncStep {
  return (syncSteps as readonly string[]).includes(step ?? '') ? (step as SyncStep) : 'pending';
}

function parseError(json: string | null): ErrorValue | null {
  return parseStoredJson(json, errorValueSchema);
}

function parseConflict(json: string | null): SyncConflict | null {
  return parseStoredJson(json, syncConflictSchema);
}
