import fs from 'node:fs';
import type { Job, SyncHold, SyncOverview, SyncStep } from '../../shared/contract';
import { syncSteps } from '../../shared/contract/sync';
import type { AnalysisRepository } from '../catalog/repositories/analysis-repository';
import type { AssetRepository } from '../catalog/repositories/asset-repository';
import type { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { EventBus } from '../events/event-bus';
import type { JobQueue } from '../jobs/job-queue';
import type { UploadSessionRepository } from '../catalog/repositories/upload-session-repository';
import { etaSeconds, MovingRate } from './moving-rate';
import { settledSince } from './sync-status-of';
import type { UploadProgressReader } from './upload-progress-registry';
import type { Clock } from '../time/clock';

export interface SyncOverviewDeps {
  queue: Pick<JobQueue, 'latestStateCounts' | 'inStates' | 'latestForAssets'>;
  assets: Pick<AssetRepository, 'findByIds'>;
  analysis: Pick<AnalysisRepository, 'findByAssetId'>;
  states: Pick<SyncStateRepository, 'findMany'>;
  sessions: Pick<UploadSessionRepository, 'listForAsset' | 'parts'>;
  events: EventBus;
  /** Live upload progress per asset (the file being uploaded now). */
  live: UploadProgressReader;
  holds: () => SyncHold[];
  /** The rate is measured on it; progress events are spaced by it. */
  clock: Clock;
  /** At most one sync.overview event per this many ms (default 500). */
  intervalMs?: number;
}

const order = (step: string | undefined) => syncSteps.indexOf((step ?? 'pending') as SyncStep);

/**
 * The whole sync queue at a glance (sync.overview), and its event: sent at most every
 * `intervalMs` while jobs change or bytes move, and only when something in it changed.
 *
 * The bytes are those of the current batch: every asset queued since the queue last had
 * nothing left to do. A finished asset stays counted (all of it sent) so the totals never
 * go backwards while the rest goes; a cancelled one leaves. The batch is cleared when an
 * upload is queued after all of it finished.
 */
export class SyncOverviewService {
  readonly #rate: MovingRate;
  /** Last bytesSent seen per asset and object key, to turn progress into moved bytes. */
  readonly #seen = new Map<string, number>();
  /** Thumbnail sizes by path: stat once, not on every overview. */
  readonly #thumbnailSizes = new Map<string, number>();
  /** The batch's assets, each with whether it sends bytes (false: its metadata only). */
  readonly #batch = new Map<number, boolean>();
  /** Whether the queue had nothing left to do when last looked at. */
  #idle = true;
  readonly #stop: () => void;
  #timer: NodeJS.Timeout | null = null;
  #lastEmitAt = -Infinity;
  #lastJson = '';
  #disposed = false;

  constructor(private readonly deps: SyncOverviewDeps) {
    this.#rate = new MovingRate(() => deps.clock.now());
    // The runner's progress reaches hosts as sync.progress; the overview follows it there.
    this.#stop = deps.events.subscribe((event) => {
      if (event.name !== 'sync.progress') return;
      if (event.payload.upload) this.#moved(event.payload.assetId, event.payload.upload);
      this.changed();
    });
  }

  /** A sync job changed (the queue's hook for the kind). */
  jobChanged(job: Job): void {
    if (job.spec.kind !== 'sync') return;
    if (job.state !== 'running') this.#forget(job.spec.assetId);
    this.changed();
  }

  get(): SyncOverview {
    const counts = this.deps.queue.latestStateCounts('sync');
    const unfinished = this.deps.queue.inStates('sync', ['queued', 'running', 'paused']);
    const { bytesSent, bytesTotal } = this.#batchBytes(
      new Set(unfinished.map((job) => job.spec.assetId)),
    );
    const running = counts.get('running') ?? 0;
    const bytesPerSecond = running > 0 ? this.#rate.bytesPerSecond() : 0;
    return {
      queued: counts.get('queued') ?? 0,
      running,
      paused: counts.get('paused') ?? 0,
      failed: (counts.get('failed') ?? 0) - this.#settledFailures(),
      bytesSent,
      bytesTotal,
      bytesPerSecond,
      etaSeconds: bytesPerSecond > 0 ? etaSeconds(bytesTotal - bytesSent, bytesPerSecond) : null,
      holds: this.deps.holds(),
    };
  }

  /**
   * Assets whose newest sync job failed but whose sync state moved on since (a conflict the
   * editor settled without a re-send): the queue shows them as settled, so they need no
   * attention and leave the failed count.
   */
  #settledFailures(): number {
    const failed = this.deps.queue.inStates('sync', ['failed']);
    if (failed.length === 0) return 0;
    const ids = [...new Set(failed.map((job) => job.spec.assetId))];
    const latest = this.deps.queue.latestForAssets('sync', ids);
    const rows = new Map(this.deps.states.findMany(ids).map((row) => [row.assetId, row]));
    let settled = 0;
    for (const [assetId, job] of latest)
      if (job.state === 'failed' && settledSince(rows.get(assetId), job)) settled += 1;
    return settled;
  }

  /** Brings the batch up to date with the queue and adds up its bytes. */
  #batchBytes(unfinished: ReadonlySet<number>): { bytesSent: number; bytesTotal: number } {
    // Nothing was left at the last look and something is now: a new batch.
    if (this.#idle && unfinished.size > 0) this.#batch.clear();
    this.#idle = unfinished.size === 0;
    const states = new Map(
      this.deps.states.findMany([...unfinished]).map((row) => [row.assetId, row]),
    );
    for (const id of unfinished)
      if (!this.#batch.has(id)) this.#batch.set(id, order(states.get(id)?.step) < order('synced'));
    const latest = this.deps.queue.latestForAssets('sync', [...this.#batch.keys()]);
    for (const id of this.#batch.keys())
      if (!unfinished.has(id) && (latest.get(id)?.state ?? 'cancelled') === 'cancelled')
        this.#batch.delete(id);

    const sending = [...this.#batch].flatMap(([id, sends]) => (sends ? [id] : []));
    const others = sending.filter((id) => !unfinished.has(id));
    for (const row of this.deps.states.findMany(others)) states.set(row.assetId, row);
    let bytesTotal = 0;
    let bytesSent = 0;
    for (const asset of this.deps.assets.findByIds(sending)) {
      const whole = asset.sizeBytes + this.#thumbnailSize(asset.id);
      bytesTotal += whole;
      if (latest.get(asset.id)?.state === 'done') {
        bytesSent += whole;
        continue;
      }
      const step = order(states.get(asset.id)?.step);
      const live = this.deps.live.get(asset.id);
      if (step >= order('thumbnail')) bytesSent += whole;
      else if (step >= order('video')) bytesSent += asset.sizeBytes + (live?.bytesSent ?? 0);
      else bytesSent += live ? live.bytesSent : this.#recordedParts(asset.id);
    }
    return { bytesSent: Math.min(bytesSent, bytesTotal), bytesTotal };
  }

  /** Something the overview shows may have changed: send it again (throttled). */
  changed(): void {
    if (this.#timer || this.#disposed) return;
    const wait = Math.max(
      0,
      this.#lastEmitAt + (this.deps.intervalMs ?? 500) - this.deps.clock.now(),
    );
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#emit();
    }, wait);
    this.#timer.unref();
  }

  dispose(): void {
    // The queue's hooks outlive it (it has no listener to take back): ignore them from now on.
    this.#disposed = true;
    this.#stop();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #emit(): void {
    this.#lastEmitAt = this.deps.clock.now();
    const overview = this.get();
    const json = JSON.stringify(overview);
    if (json === this.#lastJson) return;
    this.#lastJson = json;
    this.deps.events.emit('sync.overview', overview);
  }

  #moved(assetId: number, upload: { key: string; bytesSent: number }): void {
    const key = `${assetId}\n${upload.key}`;
    // A resumed upload starts at the parts a previous run finished: those did not move now.
    const last =
      this.#seen.get(key) ?? Math.min(upload.bytesSent, this.#recordedParts(assetId, upload.key));
    this.#seen.set(key, upload.bytesSent);
    this.#rate.add(upload.bytesSent - last);
  }

  #forget(assetId: number): void {
    for (const key of this.#seen.keys()) if (key.startsWith(`${assetId}\n`)) this.#seen.delete(key);
  }

  /** Bytes of the parts the catalog recorded for the asset's unfinished multipart uploads. */
  #recordedParts(assetId: number, key?: string): number {
    let bytes = 0;
    for (const session of this.deps.sessions.listForAsset(assetId))
      if (key === undefined || session.objectKey === key)
        for (const part of this.deps.sessions.parts(session.uploadId)) bytes += part.sizeBytes;
    return bytes;
  }

  #thumbnailSize(assetId: number): number {
    const file = this.deps.analysis.findByAssetId(assetId)?.thumbnailPath;
    if (!file) return 0;
    const known = this.#thumbnailSizes.get(file);
    if (known !== undefined) return known;
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      return 0; // gone: the job will say so
    }
    this.#thumbnailSizes.set(file, size);
    return size;
  }
}
