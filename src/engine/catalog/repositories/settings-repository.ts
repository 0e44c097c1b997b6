import type { CatalogDb } from '../open-catalog';
import { inArray } from 'drizzle-orm';
import { settings } from '../schema';

/** SQL for the settings table: raw JSON per key; the settings service owns the rules. */
export class SettingsRepository {
  constructor(private readonly db: CatalogDb) {}

  readAll(): Map<string, string> {
    const rows = this.db.select().from(settings).all();
    return new Map(rows.map((row) => [row.key, row.valueJson]));
  }

  writeMany(entries: ReadonlyArray<[key: string, valueJson: string]>, updatedAt: string): void {
    this.db.transaction((tx) => {
      for (const [key, valueJson] of entries) {
        tx.insert(settings)
          .values({ key, valueJson, updatedAt })
          .onConflictDoUpdate({ target: settings.key, set: { valueJson, updatedAt } })
          .run();
      }
    });
  }

  deleteMany(keys: readonly string[]): void {
    if (keys.length > 0)
      this.db
        .delete(settings)
        .where(inArray(settings.key, [...keys]))
        .run();
  }
}
