import type { SyncStep } from '../../../shared/contract';
import type { AssetRow } from '../../catalog/repositories/asset-repository';
import type {
  SyncStateRow,
  SyncStateUpdate,
} from '../../catalog/repositories/sync-state-repository';
import type { JobContext } from '../../jobs/job-runner';
import { withRetry } from '../../time/retry-policy';
import type { SyncAssetDeps } from '../sync-asset-deps';
import type { SyncConnection } from '../sync-connection';
import { percentOf, type PipelineStepKind } from './pipeline-steps';
import type { SyncTarget } from './sync-target';
import { isoNow } from '../../time/clock';

/** One run of the pipeline for one asset: what every step reads, and the state as recorded. */
export class PipelineRun {
  /** The sync_state row as last written: each step reads the one before it left. */
  state: SyncStateRow;
  /** Set by the content step when the asset had none. */
  contentId: number | null;
  /** Keys, metadata and file, once the content id is known (sync-target.ts). */
  target: SyncTarget | null = null;

  /** The asset as the run began; read again once an analysis it started beside has ended. */
  asset: AssetRow;

  constructor(
    readonly deps: SyncAssetDeps,
    readonly connection: SyncConnection,
    asset: AssetRow,
    readonly context: JobContext,
    state: SyncStateRow,
  ) {
    this.asset = asset;
    this.state = state;
    this.contentId = asset.contentId;
  }

  get signal(): AbortSignal {
    return this.context.signal;
  }

  /** `step` recorded as the last finished one, then reported: the event and the job's share. */
  record(step: PipelineStepKind, fields: SyncStateUpdate, activity: string): void {
    this.state = this.deps.states.upsert(this.asset.id, { ...fields, step }, nowIso(this.deps));
    announce(this.deps, this.asset.id, step, activity);
    this.context.progress({ stage: step, percent: percentOf(step), file: null });
  }

  /** A platform call with the sync retry policy, stopped by the job's signal. */
  retried<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(call, { ...this.deps.retry, signal: this.signal });
  }
}

/** `sync.progress` without an upload: what the asset's sync is doing now. */
export function announce(deps: SyncAssetDeps, assetId: number, step: SyncStep, activity: string) {
  deps.events.emit('sync.progress', { assetId, step, activity, upload: null });
}

export function nowIso(deps: SyncAssetDeps): string {
  return isoNow(deps.clock);
}
