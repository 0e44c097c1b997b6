import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

/**
 * A multipart upload Dailies started and has not finished or aborted, recorded before its
 * first part is sent, so a restart resumes it and a cleanup can abort it. The asset link is
 * SET NULL, not CASCADE: when the trash is emptied the row must outlive the asset, or the
 * upload (and the storage it bills) would be forgotten instead of aborted.
 */
export const multipartUploads = sqliteTable(
  'multipart_uploads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetId: integer('asset_id').references(() => assets.id, { onDelete: 'set null' }),
    bucket: text('bucket').notNull(),
    objectKey: text('object_key').notNull(),
    uploadId: text('upload_id').notNull(),
    partSize: integer('part_size').notNull(),
    fileSize: integer('file_size').notNull(),
    fileMtimeMs: integer('file_mtime_ms').notNull(),
    fileSha256: text('file_sha256').notNull(),
    /** The per-part checksum the upload was created with ('CRC32'); parts must all match it. */
    checksumAlgorithm: text('checksum_algorithm').notNull(),
    /** Our own clock: S3-compatible stores do not all date uploads truthfully (moto: 2010). */
    createdAt: text('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('multipart_uploads_upload_id_unique').on(table.uploadId),
    index('multipart_uploads_asset_id').on(table.assetId),
    index('multipart_uploads_bucket_key').on(table.bucket, table.objectKey),
  ],
);
