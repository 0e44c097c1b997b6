import type { SyncStateRow } from '../../catalog/repositories/sync-state-repository';
import { differsFrom, parseSnapshot } from '../remote-snapshot';
import type { SyncAssetDeps } from '../sync-asset-deps';
import { nowIso, type PipelineRun } from './pipeline-run';
import type { StepOutcome } from './pipeline-steps';

/** The last step: the asset synced (or dirty), its state recorded with it. */
export function syncedStep(run: PipelineRun): StepOutcome {
  return { kind: 'recorded', state: finishSynced(run.deps, run.asset.id, run.state) };
}

/**
 * Synced, or dirty again when the editor changed a platform field while we sent; the asset's
 * status and the sync state in one transaction. Also ends a metadata re-send.
 */
export function finishSynced(
  deps: SyncAssetDeps,
  assetId: number,
  state: SyncStateRow,
): SyncStateRow {
  const at = nowIso(deps);
  const recorded = deps.transact(() => {
    const now = deps.assets.findById(assetId);
    if (!now) return state;
    const snapshot = parseSnapshot(state.remoteSnapshotJson);
    const ours = { title: now.title, description: now.description, ageRating: now.ageRating };
    const status = snapshot && differsFrom(snapshot, ours) ? 'dirty' : 'synced';
    deps.assets.recordSync(assetId, { syncedAt: now.syncedAt ?? at, status }, at);
    return deps.states.upsert(
      assetId,
      { step: 'synced', lastErrorJson: null, conflictJson: null },
      at,
    );
  });
  deps.events.emit('assets.changed', { reason: 'updated', ids: [assetId] });
  return recorded;
}
