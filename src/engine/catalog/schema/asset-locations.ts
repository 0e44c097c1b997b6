import {
  blob,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

/**
 * A path where an asset's content was found. `path` is for display and folder filters;
 * a name that is not valid UTF-8 (Linux allows any bytes) keeps its exact bytes in
 * `path_bytes` so the file can still be opened, and `path_key` tells such paths apart.
 */
export const assetLocations = sqliteTable(
  'asset_locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    pathKey: text('path_key').notNull(),
    path: text('path').notNull(),
    pathBytes: blob('path_bytes', { mode: 'buffer' }),
    folder: text('folder').notNull(),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    mtimeMs: real('mtime_ms').notNull(),
    firstSeenAt: text('first_seen_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (table) => [
    uniqueIndex('asset_locations_path_key_unique').on(table.pathKey),
    index('asset_locations_asset_id').on(table.assetId),
    index('asset_locations_path').on(table.path),
  ],
);
