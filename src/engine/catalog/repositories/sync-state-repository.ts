import { eq, inArray, isNotNull } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { syncState } from '../schema';

export type SyncStateRow = typeof syncState.$inferSelect;
export type SyncStateUpdate = Partial<Omit<SyncStateRow, 'assetId' | 'updatedAt'>>;

/**
 * SQL for sync_state. Every write is one statement (or part of the caller's transaction), so
 * a step recorded here survives a kill right after; the pipeline's order lives in the sync
 * pipeline, not here.
 */
export class SyncStateRepository {
  constructor(private readonly db: CatalogDb) {}

  find(assetId: number): SyncStateRow | undefined {
    return this.db.select().from(syncState).where(eq(syncState.assetId, assetId)).get();
  }

  findMany(assetIds: readonly number[]): SyncStateRow[] {
    if (assetIds.length === 0) return [];
    return this.db
      .select()
      .from(syncState)
      .where(inArray(syncState.assetId, [...assetIds]))
      .all();
  }

  all(): SyncStateRow[] {
    return this.db.select().from(syncState).orderBy(syncState.assetId).all();
  }

  /** Rows of a profile that have sent something (a key or a content id is recorded). */
  withKeys(profileId: string): SyncStateRow[] {
    return this.db
      .select()
      .from(syncState)
      .where(eq(syncState.profileId, profileId))
      .all()
      .filter((row) => row.videoKey !== null || row.remoteSnapshotJson !== null);
  }

  conflicts(): SyncStateRow[] {
    return this.db.select().from(syncState).where(isNotNull(syncState.conflictJson)).all();
  }

  /** Creates the row with these fields, or sets them on the existing one. */
  upsert(assetId: number, fields: SyncStateUpdate, at: string): SyncStateRow {
    return this.db
      .insert(syncState)
      .values({ assetId, ...fields, updatedAt: at })
      .onConflictDoUpdate({ target: syncState.assetId, set: { ...fields, updatedAt: at } })
      .returning()
      .get();
  }
}
