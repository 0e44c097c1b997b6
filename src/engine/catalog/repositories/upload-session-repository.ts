import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { CatalogDb } from '../open-catalog';
import { multipartUploads, uploadIntents, uploadParts } from '../schema';

export type UploadSessionRow = typeof multipartUploads.$inferSelect;
export type NewUploadSession = typeof multipartUploads.$inferInsert;
export type UploadPartRow = typeof uploadParts.$inferSelect;
export type UploadIntentRow = typeof uploadIntents.$inferSelect;
export type NewUploadIntent = typeof uploadIntents.$inferInsert;

/**
 * SQL for multipart upload sessions and their finished parts. Every write is one statement
 * (SQLite commits it at once), so what the uploader recorded survives a SIGKILL right after.
 */
export class UploadSessionRepository {
  constructor(private readonly db: CatalogDb) {}

  insert(session: NewUploadSession): UploadSessionRow {
    return this.db.insert(multipartUploads).values(session).returning().get();
  }

  find(bucket: string, objectKey: string, assetId: number): UploadSessionRow | undefined {
    return this.db
      .select()
      .from(multipartUploads)
      .where(
        and(
          eq(multipartUploads.bucket, bucket),
          eq(multipartUploads.objectKey, objectKey),
          eq(multipartUploads.assetId, assetId),
        ),
      )
      .orderBy(asc(multipartUploads.id))
      .get();
  }

  listForAsset(assetId: number): UploadSessionRow[] {
    return this.db
      .select()
      .from(multipartUploads)
      .where(eq(multipartUploads.assetId, assetId))
      .all();
  }

  listCreatedBefore(bucket: string, createdBefore: string): UploadSessionRow[] {
    return this.db
      .select()
      .from(multipartUploads)
      .where(
        and(eq(multipartUploads.bucket, bucket), lt(multipartUploads.createdAt, createdBefore)),
      )
      .all();
  }

  /** Upload ids Dailies started in this bucket: they are ours, never "foreign". */
  uploadIdsIn(bucket: string): Set<string> {
    const rows = this.db
      .select({ uploadId: multipartUploads.uploadId })
      .from(multipartUploads)
      .where(eq(multipartUploads.bucket, bucket))
      .all();
    return new Set(rows.map((row) => row.uploadId));
  }

  /** Forgets a session and its parts (after completion or abort). */
  delete(uploadId: string): void {
    this.db.delete(uploadParts).where(eq(uploadParts.uploadId, uploadId)).run();
    this.db.delete(multipartUploads).where(eq(multipartUploads.uploadId, uploadId)).run();
  }

  parts(uploadId: string): UploadPartRow[] {
    return this.db
      .select()
      .from(uploadParts)
      .where(eq(uploadParts.uploadId, uploadId))
      .orderBy(asc(uploadParts.partNumber))
      .all();
  }

  /** Records a finished part; a part sent again (after a BadDigest, say) replaces its row. */
  recordPart(part: Omit<UploadPartRow, 'id'>): void {
    this.db
      .insert(uploadParts)
      .values(part)
      .onConflictDoUpdate({
        target: [uploadParts.uploadId, uploadParts.partNumber],
        set: {
          sizeBytes: part.sizeBytes,
          etag: part.etag,
          checksum: part.checksum,
          completedAt: part.completedAt,
        },
      })
      .run();
  }

  /** Drops recorded parts the store does not have (any longer), so they are sent again. */
  forgetParts(uploadId: string, partNumbers: readonly number[]): void {
    if (partNumbers.length === 0) return;
    this.db
      .delete(uploadParts)
      .where(and(eq(uploadParts.uploadId, uploadId), inArray(uploadParts.partNumber, partNumbers)))
      .run();
  }

  /** Recorded before CreateMultipartUpload is sent: see upload-intent.ts. */
  recordIntent(intent: NewUploadIntent): UploadIntentRow {
    return this.db.insert(uploadIntents).values(intent).returning().get();
  }

  /** The upload id is known: the intent becomes a session, in one transaction. */
  adoptIntent(intentId: number, session: NewUploadSession): UploadSessionRow {
    return this.db.transaction((tx) => {
      tx.delete(uploadIntents).where(eq(uploadIntents.id, intentId)).run();
      return tx.insert(multipartUploads).values(session).returning().get();
    });
  }

  forgetIntent(intentId: number): void {
    this.db.delete(uploadIntents).where(eq(uploadIntents.id, intentId)).run();
  }

  intentsAt(bucket: string, objectKey: string): UploadIntentRow[] {
    return this.db
      .select()
      .from(uploadIntents)
      .where(and(eq(uploadIntents.bucket, bucket), eq(uploadIntents.objectKey, objectKey)))
      .orderBy(asc(uploadIntents.id))
      .all();
  }

  intentsForAsset(assetId: number): UploadIntentRow[] {
    return this.db.select().from(uploadIntents).where(eq(uploadIntents.assetId, assetId)).all();
  }

  intentsStartedBefore(bucket: string, startedBefore: string): UploadIntentRow[] {
    return this.db
      .select()
      .from(uploadIntents)
      .where(and(eq(uploadIntents.bucket, bucket), lt(uploadIntents.startedAt, startedBefore)))
      .all();
  }
}
