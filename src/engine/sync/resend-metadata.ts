import { dailiesError } from '../../shared/contract';
import type { AssetRow } from '../catalog/repositories/asset-repository';
import type { SyncStateRow } from '../catalog/repositories/sync-state-repository';
import type { JobContext } from '../jobs/job-runner';
import { withRetry } from '../time/retry-policy';
import { refreshObjectMetadata } from './object-metadata-refresh';
import { announce, nowIso } from './pipeline/pipeline-run';
import { finishSynced } from './pipeline/synced-step';
import { parseSnapshot, remoteChanges, snapshotOf } from './remote-snapshot';
import type { SyncAssetDeps } from './sync-asset-deps';
import type { SyncConnection } from './sync-connection';

/** Editing a synced asset: read the platform's copy back; a remote change is a conflict. */
export async function resendMetadata(
  deps: SyncAssetDeps,
  connection: SyncConnection,
  asset: AssetRow,
  state: SyncStateRow,
  context: JobContext,
): Promise<void> {
  const { signal } = context;
  const retried = <T>(call: () => Promise<T>) => withRetry(call, { ...deps.retry, signal });
  const contentId = asset.contentId;
  if (contentId === null) throw dailiesError('E_INTERNAL', 'A synced asset has no content id.');
  announce(deps, asset.id, 'synced', 'checking the platform');
  const remote = await retried(() => connection.platform.getContent(contentId, { signal }));
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
  const content = await retried(() =>
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
  announce(deps, asset.id, 'synced', 'updating the objects’ metadata');
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
