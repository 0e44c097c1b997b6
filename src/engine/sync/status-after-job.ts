import type { AssetStatus, Job } from '../../shared/contract';
import type { AssetRow } from '../catalog/repositories/asset-repository';

/**
 * The status an asset takes when its sync job changes: queued while it waits or is paused,
 * uploading while it runs, back to ready (or dirty, once synced) when it fails or is
 * cancelled; null to leave it as it is (also while it is still new or being analysed).
 */
export function statusAfterJob(
  job: Job,
  asset: Pick<AssetRow, 'status' | 'syncedAt'>,
): AssetStatus | null {
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
  if (next === null || next === asset.status) return null;
  const waitingOrRunning = next === 'queued' || next === 'uploading';
  if (waitingOrRunning && (asset.status === 'new' || asset.status === 'analysing')) return null;
  return next;
}
