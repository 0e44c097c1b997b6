import { parseStoredJson } from '../catalog/parse-stored-json';
import {
  errorValueSchema,
  syncConflictSchema,
  type AssetSyncStatus,
  type ErrorValue,
  type Job,
  type SyncConflict,
  type SyncStep,
} from '../../shared/contract';
import { syncSteps } from '../../shared/contract/sync';
import type { AssetRow } from '../catalog/repositories/asset-repository';
import type { SyncStateRow } from '../catalog/repositories/sync-state-repository';
import type { UploadProgress } from '../storage/upload/upload-progress';
import { uploadView } from './upload-view';

/** Where one asset's sync stands, from its sync state, its newest sync job and its live upload. */
export function syncStatusOf(
  assetId: number,
  row: SyncStateRow | undefined,
  latestJob: Job | undefined,
  asset: AssetRow,
  live: UploadProgress | undefined,
): AssetSyncStatus {
  const job = settledSince(row, latestJob) ? undefined : latestJob;
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

/**
 * A finished job the sync state has moved on from (a conflict settled since it failed) no
 * longer speaks for the asset: its error and state are history. The status and the
 * overview's failed count both go by it, so the badge agrees with the queue's rows.
 */
export function settledSince(row: SyncStateRow | undefined, job: Job | undefined): boolean {
  return job?.finishedAt != null && row !== undefined && row.updatedAt > job.finishedAt;
}

function stepOf(step: string | undefined): SyncStep {
  return (syncSteps as readonly string[]).includes(step ?? '') ? (step as SyncStep) : 'pending';
}

function parseError(json: string | null): ErrorValue | null {
  return parseStoredJson(json, errorValueSchema);
}

export function parseConflict(json: string | null): SyncConflict | null {
  return parseStoredJson(json, syncConflictSchema);
}
