import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

/** Each finished part of a multipart upload, so an interrupted upload continues from it. */
export const uploadParts = sqliteTable(
  'upload_parts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetId: integer('asset_id')
      .notNull()
      .references(() => assets.id, { onDelete: 'cascade' }),
    objectKey: text('object_key').notNull(),
    uploadId: text('upload_id').notNull(),
    partNumber: integer('part_number').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    etag: text('etag').notNull(),
    checksum: text('checksum').notNull(),
    completedAt: text('completed_at').notNull(),
  },
  (table) => [
    uniqueIndex('upload_parts_upload_part_unique').on(table.uploadId, table.partNumber),
    index('upload_parts_asset_id').on(table.assetId),
  ],
);
