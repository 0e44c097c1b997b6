import type { AssetRepository } from '../catalog/repositories/asset-repository';
import type { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { AnyEvent } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { SyncService } from './sync-service';

export interface EditResendDeps {
  assets: Pick<AssetRepository, 'findByIds'>;
  states: Pick<SyncStateRepository, 'find'>;
  sync: Pick<SyncService, 'enqueue'>;
  logger: Logger;
  /** The `resendEditsAutomatically` setting, read at each edit. */
  enabled: () => boolean;
}

/**
 * With the setting on, an edit to an asset already on the platform queues its metadata
 * re-send under the profile it was synced to, as the editor's click would. An asset with an
 * unsettled conflict waits for the editor's choice instead of meeting the same conflict again.
 */
export function editResend(deps: EditResendDeps): (event: AnyEvent) => void {
  return (event) => {
    if (event.name !== 'assets.changed' || event.payload.reason !== 'updated') return;
    if (!deps.enabled()) return;
    const byProfile = new Map<string, number[]>();
    for (const asset of deps.assets.findByIds(event.payload.ids)) {
      if (asset.status !== 'dirty' || asset.deletedAt !== null) continue;
      const state = deps.states.find(asset.id);
      if (!state?.profileId || state.conflictJson !== null) continue;
      byProfile.set(state.profileId, [...(byProfile.get(state.profileId) ?? []), asset.id]);
    }
    for (const [profileId, assetIds] of byProfile) {
      try {
        deps.sync.enqueue({ assetIds, profileId, priority: 0, partial: true });
      } catch (thrown) {
        // A profile removed since: the asset stays Edited and the editor can send it by hand.
        deps.logger.warn('re-sending an edit automatically failed', {
          assetIds,
          error: String(thrown),
        });
      }
    }
  };
}
