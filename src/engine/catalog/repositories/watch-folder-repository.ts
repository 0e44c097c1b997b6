import { eq } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { watchFolders } from '../schema';

export type WatchFolderRow = typeof watchFolders.$inferSelect;

/** SQL for watch_folders. */
export class WatchFolderRepository {
  constructor(private readonly db: CatalogDb) {}

  list(): WatchFolderRow[] {
    return this.db.select().from(watchFolders).orderBy(watchFolders.path).all();
  }

  findByPath(path: string): WatchFolderRow | undefined {
    return this.db.select().from(watchFolders).where(eq(watchFolders.path, path)).get();
  }

  insert(path: string, addedAt: string): WatchFolderRow {
    return this.db.insert(watchFolders).values({ path, addedAt }).returning().get();
  }

  delete(id: number): boolean {
    return this.db.delete(watchFolders).where(eq(watchFolders.id, id)).run().changes > 0;
  }

  markScanned(id: number, at: string): void {
    this.db.update(watchFolders).set({ lastScanAt: at }).where(eq(watchFolders.id, id)).run();
  }
}
