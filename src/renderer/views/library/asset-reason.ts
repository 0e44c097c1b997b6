import type { Asset, Job } from '../../../shared/contract';
import type { DailiesState } from '../../store/slice';

/** Why an asset stands where it does, in the engine's words: short for a row, whole for the detail. */
export interface AssetReason {
  short: string;
  full: string;
  /** What the editor can do about it. */
  action: string;
}

/** The first sentence of an editor-readable message: what a row has room for. */
export function shortReason(message: string): string {
  const first = /^(.+?[.!?])(\s|$)/.exec(message.trim());
  const text = first?.[1] ?? message.trim();
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** The asset's newest analysis job when it failed (and says why). */
function newestFailed(latest: Record<number, Job>, assetId: number): Job | null {
  const found = latest[assetId];
  return found?.state === 'failed' && found.error ? found : null;
}

/**
 * Why a failed or held asset is stuck, from what the window already follows: its failed
 * analysis job, its failed upload (the sync status's last error), or the hold on its
 * profile's uploads. Null when nothing is wrong.
 */
export function assetReason(
  state: Pick<DailiesState, 'latestAnalysisJobs' | 'syncStatuses' | 'syncJobs' | 'syncOverview'>,
  asset: Asset,
): AssetReason | null {
  const sync = state.syncStatuses[asset.id];
  if (sync?.jobState === 'failed' && sync.lastError) {
    const message = sync.conflict
      ? 'The platform changed this asset too: choose which values to keep.'
      : sync.lastError.message;
    return {
      short: shortReason(message),
      full: message,
      action: sync.conflict
        ? 'Settle the conflict in the Upload queue.'
        : 'Retry it from the Upload queue once the cause is fixed.',
    };
  }
  if (sync && (sync.jobState === 'queued' || sync.jobState === 'paused')) {
    const hold = state.syncOverview?.holds.find((h) => h.profileId === sync.profileId);
    if (hold)
      return {
        short: shortReason(hold.message),
        full: hold.message,
        action: 'It goes on by itself once this is resolved.',
      };
  }
  if (asset.status === 'error') {
    const failed = newestFailed(state.latestAnalysisJobs, asset.id);
    const message = failed?.error?.message ?? 'Analysis could not read this file.';
    return {
      short: shortReason(message),
      full: message,
      action: 'Check the file, then analyse it again.',
    };
  }
  return null;
}
