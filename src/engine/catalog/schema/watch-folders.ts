import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Folders whose new and changed videos are ingested without the editor asking. */
export const watchFolders = sqliteTable(
  'watch_folders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    path: text('path').notNull(),
    addedAt: text('added_at').notNull(),
    lastScanAt: text('last_scan_at'),
  },
  (table) => [uniqueIndex('watch_folders_path_unique').on(table.path)],
);
