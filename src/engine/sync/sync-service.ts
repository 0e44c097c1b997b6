import {
  dailiesError,
  type AssetSyncStatus,
  type ConflictChoice,
  type Job,
  type MethodOutput,
} from '../../shared/contract';
import type { MetadataPatch } from '../../shared/metadata/metadata-schema';
import type { AnalysisRepository } from '../catalog/repositories/analysis-repository';
import type { AssetRepository } from '../catalog/repositories/asset-repository';
import type { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logging/logger';
import type { AnalysisRuns } from './analysis-runs';
import { BucketHousekeeping } from './bucket-housekeeping';
import { connectionScope } from './connection-scope';
import type { DeliveryGateDeps } from './delivery-gate';
import type { ConnectSync } from './sync-connection';
import { enqueueSyncs, type SyncEnqueueInput } from './sync-enqueue';
import { SyncConflicts } from './sync-conflicts';
import { statusAfterJob } from './status-after-job';
import { syncStatusOf } from './sync-status-of';
import type { UploadProgressReader } from './upload-progress-registry';
import { forEachChunk } from '../time/chunks';
import { isoNow, type Clock } from '../time/clock';

export interface SyncServiceDeps {
  assets: AssetRepository;
  analysis: AnalysisRepository;
  states: SyncStateRepository;
  queue: Pick<JobQueue, 'activeForAsset' | 'cancel' | 'enqueue' | 'latestForAssets'>;
  transact: Transact;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  connect: ConnectSync;
  /** The profile to use when a call names none; E_NOT_FOUND when there is no profile. */
  activeProfileId: () => string | null;
  /** Throws E_NOT_FOUND for a profile id that names no profile. */
  requireProfile: (id: string) => void;
  /** Takes the platform's values into the catalog as an edit (history, validation). */
  applyMetadata: (assetId: number, patch: MetadataPatch) => void;
  /** Live upload progress per asset (the sync runner writes it). */
  live: UploadProgressReader;
  /** The profile's delivery rules and the stored analyses judged against them. */
  delivery: DeliveryGateDeps;
  /** Writes "sent anyway despite failing the delivery check" into the asset's history. */
  recordOverride: (assetId: number, failure: { ruleSet: string; reasons: string[] }) => void;
  /** Which assets being analysed have their early verdict (and may be sent already). */
  analysisRuns: Pick<AnalysisRuns, 'hasVerdict'>;
}

/**
 * The sync queue as the editor sees it: which assets may go and where each stands; the front
 * of enqueuing (sync-enqueue.ts), conflicts (sync-conflicts.ts) and bucket housekeeping
 * (bucket-housekeeping.ts). The work itself is the `sync` job (sync-asset.ts).
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
      if (this.#stopping.signal.aborted) return; // the engine is closing: nothing to stop
      this.deps.logger.warn('stopping the syncs of removed assets failed', {
        error: String(thrown),
      });
    });
  }

  /** Stops work a removal left running between its steps (the engine is closing). */
  dispose(): void {
    this.#stopping.abort();
  }

  readonly #stopping = new AbortController();

  async #abandon(assetIds: readonly number[]): Promise<void> {
    // A chunk of assets at a time, so removing thousands leaves the engine answering.
    const cancels: Array<Promise<number>> = [];
    const byProfile = new Map<string, number[]>();
    const { signal } = this.#stopping;
    await forEachChunk(
      assetIds,
      500,
      (chunk) => {
        const jobs = chunk.flatMap((id) => this.deps.queue.activeForAsset('sync', id));
        if (jobs.length > 0)
          cancels.push(this.deps.queue.cancel({ ids: jobs.map((job) => job.id) }));
        for (const { assetId, profileId } of this.deps.states.findMany(chunk)) {
          if (!profileId) continue;
          const ids = byProfile.get(profileId) ?? [];
          ids.push(assetId);
          byProfile.set(profileId, ids);
        }
      },
      signal,
    );
    await Promise.all(cancels);
    for (const [profileId, ids] of byProfile)
      await this.#parts.housekeeping.abortAssetUploads(profileId, ids);
  }

  #built?: { conflicts: SyncConflicts; housekeeping: BucketHousekeeping };

  /** Built on first use: they need `this` for the profile and the status they report. */
  get #parts(): { conflicts: SyncConflicts; housekeeping: BucketHousekeeping } {
    if (this.#built) return this.#built;
    const { deps } = this;
    const withConnection = connectionScope(deps.connect);
    const conflicts = new SyncConflicts({
      assets: deps.assets,
      states: deps.states,
      transact: deps.transact,
      events: deps.events,
      clock: deps.clock,
      withConnection,
      applyMetadata: deps.applyMetadata,
      profileId: (given) => this.#profileId(given),
      enqueue: (assetId, profileId) => {
        this.enqueue({ assetIds: [assetId], profileId, priority: 0 });
      },
      status: (assetId) => this.status([assetId])[0]!,
    });
    const housekeeping = new BucketHousekeeping({
      assets: deps.assets,
      states: deps.states,
      logger: deps.logger,
      clock: deps.clock,
      withConnection,
      onRemoteChanges: (findings) => conflicts.recordRemoteChanges(findings),
    });
    this.#built = { conflicts, housekeeping };
    return this.#built;
  }

  /** See enqueueSyncs (sync-enqueue.ts); the profile is the active one unless named. */
  enqueue(input: SyncEnqueueInput): MethodOutput<'sync.enqueue'> {
    return enqueueSyncs(this.deps, this.#profileId(input.profileId), input);
  }

  /** Every analysed asset never sent (status ready) that can go; the others with why. */
  enqueueReady(input: { profileId?: string | undefined; priority: number }) {
    const assetIds = this.deps.assets.idsWithStatus(['ready']);
    if (assetIds.length === 0)
      return {
        queued: 0,
        alreadyQueued: 0,
        alreadySynced: 0,
        jobIds: [],
        notSent: [],
        warnings: [],
      };
    return this.enqueue({ ...input, assetIds, partial: true });
  }

  status(assetIds?: number[]): AssetSyncStatus[] {
    const rows = assetIds ? this.deps.states.findMany(assetIds) : this.deps.states.all();
    const byId = new Map(rows.map((row) => [row.assetId, row]));
    const ids = assetIds ?? rows.map((row) => row.assetId);
    const jobs = this.deps.queue.latestForAssets('sync', ids);
    const assets = new Map(this.deps.assets.findByIds(ids).map((row) => [row.id, row]));
    return ids
      .filter((id) => assets.has(id))
      .map((id) =>
        syncStatusOf(id, byId.get(id), jobs.get(id), assets.get(id)!, this.deps.live.get(id)),
      );
  }

  /** See SyncConflicts.resolve: every conflicting field settled, 'ours' or 'theirs'. */
  resolveConflict(assetId: number, keep: ConflictChoice): Promise<AssetSyncStatus> {
    return this.#parts.conflicts.resolve(assetId, keep);
  }

  async reconcile(profileId?: string): Promise<MethodOutput<'sync.reconcile'>> {
    return this.#parts.housekeeping.reconcile(this.#profileId(profileId));
  }

  async cleanupUploads(
    profileId: string | undefined,
    olderThanHours: number,
  ): Promise<MethodOutput<'sync.cleanupUploads'>> {
    return this.#parts.housekeeping.cleanupUploads(this.#profileId(profileId), olderThanHours);
  }

  /** Only an upload listed as foreign at this moment (see BucketHousekeeping). */
  async abortForeignUpload(
    profileId: string | undefined,
    key: string,
    uploadId: string,
  ): Promise<MethodOutput<'sync.abortForeignUpload'>> {
    return this.#parts.housekeeping.abortForeignUpload(this.#profileId(profileId), key, uploadId);
  }

  async listForeignUploads(profileId?: string): Promise<MethodOutput<'sync.listForeignUploads'>> {
    return this.#parts.housekeeping.listForeignUploads(this.#profileId(profileId));
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
    const next = statusAfterJob(job, asset);
    if (next === null) return;
    this.deps.assets.setStatus(asset.id, next, isoNow(this.deps.clock));
    this.deps.events.emit('assets.changed', { reason: 'updated', ids: [asset.id] });
  }

  #profileId(given: string | undefined): string {
    // A named profile must exist: a sync row for a profile that does not would wait forever.
    if (given !== undefined) this.deps.requireProfile(given);
    const id = given ?? this.deps.activeProfileId();
    if (id === null) {
      throw dailiesError(
        'E_NOT_FOUND',
        'Create an upload profile first: sync needs a bucket and a platform.',
      );
    }
    return id;
  }
}
