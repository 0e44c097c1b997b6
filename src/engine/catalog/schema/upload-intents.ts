import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

/**
 * A multipart upload we are about to start, recorded before CreateMultipartUpload is sent.
 * If the answer (its UploadId) never reaches us (a crash, a cut connection), the store may
 * still have created the upload; this row is how we find it again instead of leaving an
 * orphan that bills storage. It becomes a `multipart_uploads` row once the id is known.
 */
export const uploadIntents = sqliteTable(
  'upload_intents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assetId: integer('asset_id').references(() => assets.id, { onDelete: 'set null' }),
    bucket: text('bucket').notNull(),
    objectKey: text('object_key').notNull(),
    /** Our own clock, just before the first CreateMultipartUpload was sent. */
    startedAt: text('started_at').notNull(),
    /**
     * JSON array of the upload ids already in progress at this key when the intent was
     * recorded (a colleague's): never ours, whatever date the store gives them.
     */
    uploadIdsBeforeJson: text('upload_ids_before_json').notNull().default('[]'),
  },
  (table) => [
    index('upload_intents_asset_id').on(table.assetId),
    index('upload_intents_bucket_key').on(table.bucket, table.objectKey),
  ],
);
