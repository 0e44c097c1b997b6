import {
  dailiesError,
  type AssetSyncStatus,
  type ConflictChoice,
  type ReconcileFinding,
  type SyncConflict,
} from '../../shared/contract';
import type { MetadataPatch } from '../../shared/metadata/metadata-schema';
import type { AssetRepository } from '../catalog/repositories/asset-repository';
import type { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import { choicesFor, theirsPatch } from './conflict-choices';
import type { WithConnection } from './connection-scope';
import { differsFrom, snapshotOf } from './remote-snapshot';
import { parseConflict } from './sync-status-of';
import { isoNow, type Clock } from '../time/clock';

export interface SyncConflictsDeps {
  assets: AssetRepository;
  states: SyncStateRepository;
  transact: Transact;
  events: EventBus;
  clock: Clock;
  withConnection: WithConnection;
  /** Takes the platform's values into the catalog as an edit (history, validation). */
  applyMetadata: (assetId: number, patch: MetadataPatch) => void;
  /** The profile to use when the sync state names none. */
  profileId: (given: string | undefined) => string;
  /** Queues the metadata re-send when the catalog still differs from the platform. */
  enqueue: (assetId: number, profileId: string) => void;
  status: (assetId: number) => AssetSyncStatus;
}

/** Conflicts between the catalog and the platform's copy: recorded, then settled by the editor. */
export class SyncConflicts {
  constructor(private readonly deps: SyncConflictsDeps) {}

  /**
   * Settles a conflict for every field at once or field by field (every conflicting field
   * must be chosen). 'theirs' fields take the platform's current value into the catalog, as
   * one edit with history; 'ours' fields keep the catalog's. The platform's copy now becomes
   * the base; if the catalog still differs from it (an 'ours' field, or another edit), the
   * metadata re-send is queued, else the asset is synced as it stands.
   */
  async resolve(assetId: number, keep: ConflictChoice): Promise<AssetSyncStatus> {
    const { deps } = this;
    const state = deps.states.find(assetId);
    const conflict = parseConflict(state?.conflictJson ?? null);
    if (!state || !conflict) {
      throw dailiesError('E_NOT_FOUND', 'This asset has no sync conflict to settle.', {
        details: { assetId },
      });
    }
    const sides = choicesFor(conflict, keep);
    await deps.withConnection(state.profileId ?? deps.profileId(undefined), async (connection) => {
      const remote = snapshotOf(await connection.platform.getContent(conflict.contentId));
      const patch = theirsPatch(remote, sides);
      if (Object.keys(patch).length > 0) deps.applyMetadata(assetId, patch);
      const at = isoNow(deps.clock);
      const asset = deps.assets.findById(assetId);
      const resend =
        asset !== undefined &&
        differsFrom(remote, {
          title: asset.title,
          description: asset.description,
          ageRating: asset.ageRating,
        });
      deps.transact(() => {
        deps.states.upsert(
          assetId,
          { remoteSnapshotJson: JSON.stringify(remote), conflictJson: null, lastErrorJson: null },
          at,
        );
        if (asset && !resend)
          deps.assets.recordSync(assetId, { syncedAt: asset.syncedAt ?? at, status: 'synced' }, at);
      });
      deps.events.emit('assets.changed', { reason: 'updated', ids: [assetId] });
      if (resend) deps.enqueue(assetId, connection.profileId);
    });
    return deps.status(assetId);
  }

  /**
   * A remote change reconcile found becomes the asset's conflict, to settle field by field
   * with sync.resolveConflict, as one found before a re-send is: never overwritten silently.
   */
  recordRemoteChanges(findings: ReconcileFinding[]): void {
    const { deps } = this;
    const at = isoNow(deps.clock);
    const changed: number[] = [];
    deps.transact(() => {
      for (const finding of findings) {
        if (finding.kind !== 'remote-changed') continue;
        const conflict: SyncConflict = {
          contentId: finding.contentId,
          detectedAt: at,
          fields: finding.fields,
        };
        deps.states.upsert(finding.assetId, { conflictJson: JSON.stringify(conflict) }, at);
        changed.push(finding.assetId);
      }
    });
    if (changed.length > 0) deps.events.emit('assets.changed', { reason: 'updated', ids: changed });
  }
}
