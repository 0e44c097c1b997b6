import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { editHistory } from '../schema';

export type EditHistoryRow = typeof editHistory.$inferSelect;
export type NewEditHistoryRow = Omit<typeof editHistory.$inferInsert, 'id' | 'undoneBy'>;

/** SQL for edit_history: one row per asset per edit, newest last. */
export class EditHistoryRepository {
  constructor(private readonly db: CatalogDb) {}

  insert(row: NewEditHistoryRow): number {
    const inserted = this.db
      .insert(editHistory)
      .values(row)
      .returning({ id: editHistory.id })
      .get();
    return inserted.id;
  }

  listForAsset(assetId: number, limit: number): EditHistoryRow[] {
    return this.db
      .select()
      .from(editHistory)
      .where(eq(editHistory.assetId, assetId))
      .orderBy(desc(editHistory.id))
      .limit(limit)
      .all();
  }

  /** The newest edit of the asset that has not been undone. */
  latestUndoable(assetId: number): EditHistoryRow | undefined {
    return this.db
      .select()
      .from(editHistory)
      .where(
        and(
          eq(editHistory.assetId, assetId),
          eq(editHistory.kind, 'edit'),
          isNull(editHistory.undoneBy),
        ),
      )
      .orderBy(desc(editHistory.id))
      .limit(1)
      .get();
  }

  markUndone(id: number, undoneBy: number): void {
    this.db.update(editHistory).set({ undoneBy }).where(eq(editHistory.id, id)).run();
  }

  /**
   * Forgets a bulk edit's entries for these assets (the edit was put back, a step at a
   * time). Found through the asset index: batch_id has none, and a delete by batch alone
   * would read the whole history in one go.
   */
  deleteBatchOf(batchId: string, assetIds: readonly number[]): void {
    this.db
      .delete(editHistory)
      .where(and(inArray(editHistory.assetId, [...assetIds]), eq(editHistory.batchId, batchId)))
      .run();
  }
}
