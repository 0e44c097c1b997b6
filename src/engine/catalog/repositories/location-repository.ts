import { count, eq, inArray, sql } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { assetLocations } from '../schema';
import { rowMapper } from './raw-rows';

export type LocationRow = typeof assetLocations.$inferSelect;
export type NewLocationRow = typeof assetLocations.$inferInsert;

const toLocationRow = rowMapper(assetLocations);

/** SQL for asset_locations: where on disk each asset's content was found. */
export class LocationRepository {
  readonly #insert;
  readonly #findByKey;
  readonly #markSeen;

  constructor(private readonly db: CatalogDb) {
    this.#insert = db
      .insert(assetLocations)
      .values({
        assetId: sql.placeholder('assetId'),
        pathKey: sql.placeholder('pathKey'),
        path: sql.placeholder('path'),
        pathBytes: sql.placeholder('pathBytes'),
        folder: sql.placeholder('folder'),
        fileName: sql.placeholder('fileName'),
        sizeBytes: sql.placeholder('sizeBytes'),
        mtimeMs: sql.placeholder('mtimeMs'),
        firstSeenAt: sql.placeholder('firstSeenAt'),
        lastSeenAt: sql.placeholder('lastSeenAt'),
      })
      .prepare();
    this.#findByKey = db
      .select()
      .from(assetLocations)
      .where(eq(assetLocations.pathKey, sql.placeholder('pathKey')))
      .prepare();
    this.#markSeen = db
      .update(assetLocations)
      .set({
        sizeBytes: sql`${sql.placeholder('sizeBytes')}`,
        mtimeMs: sql`${sql.placeholder('mtimeMs')}`,
        lastSeenAt: sql`${sql.placeholder('lastSeenAt')}`,
      })
      .where(eq(assetLocations.id, sql.placeholder('id')))
      .prepare();
  }

  findByPathKey(pathKey: string): LocationRow | undefined {
    return this.#findByKey.get({ pathKey });
  }

  /** Read raw and mapped once per column (see rowMapper): every library page calls this. */
  findByAssetIds(assetIds: readonly number[]): LocationRow[] {
    if (assetIds.length === 0) return [];
    return this.db
      .all<Record<string, unknown>>(
        sql`SELECT * FROM ${assetLocations} WHERE ${inArray(assetLocations.assetId, [...assetIds])}
          ORDER BY ${assetLocations.id}`,
      )
      .map(toLocationRow);
  }

  countForAsset(assetId: number): number {
    const row = this.db
      .select({ n: count() })
      .from(assetLocations)
      .where(eq(assetLocations.assetId, assetId))
      .get();
    return row?.n ?? 0;
  }

  insert(row: Omit<NewLocationRow, 'id'> & { pathBytes: Buffer | null }): void {
    this.#insert.run(row);
  }

  /** The file is where we left it: remember we saw it, with its current size and mtime. */
  markSeen(id: number, sizeBytes: number, mtimeMs: number, at: string): void {
    this.#markSeen.run({ id, sizeBytes, mtimeMs, lastSeenAt: at });
  }

  moveToAsset(id: number, assetId: number): void {
    this.db.update(assetLocations).set({ assetId }).where(eq(assetLocations.id, id)).run();
  }
}
