import type { S3Client } from '@aws-sdk/client-s3';
import { abortUpload, listAllParts, type StepRunner } from './s3-steps';
import { s3ErrorCode } from '../s3-failure';
import { abandonIntents } from './upload-intent';
import type { UploadSessionRepository } from '../../catalog/repositories/upload-session-repository';
import { loadS3Sdk } from '../s3-sdk';

/** An in-progress upload under the prefix that Dailies (this catalog) did not start. */
export interface ForeignUpload {
  key: string;
  uploadId: string;
  /** As the store reports it; some stores (moto) date every upload 2010-11-10. */
  initiated: string | undefined;
  initiator: string | undefined;
  parts: number;
  /** Bytes its parts hold (and cost) so far. */
  bytes: number;
}

export interface AbortedUpload {
  key: string;
  uploadId: string;
  createdAt: string;
}

/** Aborts every upload Dailies recorded for an asset: it was removed or is starting over. */
export async function abortUploadsForAsset(
  client: S3Client,
  run: StepRunner,
  sessions: UploadSessionRepository,
  assetId: number,
): Promise<AbortedUpload[]> {
  // Uploads whose create answer was lost are ours too (see upload-intent.ts).
  await abandonIntents(client, run, sessions, sessions.intentsForAsset(assetId));
  const aborted: AbortedUpload[] = [];
  for (const session of sessions.listForAsset(assetId)) {
    await abortUpload(client, run, session.bucket, session.objectKey, session.uploadId);
    sessions.delete(session.uploadId);
    aborted.push({
      key: session.objectKey,
      uploadId: session.uploadId,
      createdAt: session.createdAt,
    });
  }
  return aborted;
}

/**
 * Aborts the uploads our catalog recorded in `bucket` that were started before `olderThan`
 * (by our own clock at the time: the store's dates are not trusted). Only ours: the ids come
 * from the catalog, so a colleague's upload in the same bucket is never touched.
 */
export async function cleanupStaleUploads(
  client: S3Client,
  run: StepRunner,
  sessions: UploadSessionRepository,
  bucket: string,
  olderThan: Date,
): Promise<AbortedUpload[]> {
  const before = olderThan.toISOString();
  await abandonIntents(client, run, sessions, sessions.intentsStartedBefore(bucket, before));
  const aborted: AbortedUpload[] = [];
  for (const session of sessions.listCreatedBefore(bucket, before)) {
    await abortUpload(client, run, bucket, session.objectKey, session.uploadId);
    sessions.delete(session.uploadId);
    aborted.push({
      key: session.objectKey,
      uploadId: session.uploadId,
      createdAt: session.createdAt,
    });
  }
  return aborted;
}

/**
 * Lists the in-progress uploads under `prefix` that our catalog does not know, with the bytes
 * their parts hold, without touching them: colleagues share the bucket and their uploads may
 * be live. Aborting one is `abortForeignUpload`, a separate action the editor confirms.
 */
export async function listForeignUploads(
  client: S3Client,
  run: StepRunner,
  sessions: UploadSessionRepository,
  bucket: string,
  prefix: string,
): Promise<ForeignUpload[]> {
  const { ListMultipartUploadsCommand } = await loadS3Sdk();
  const ours = sessions.uploadIdsIn(bucket);
  const found: ForeignUpload[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await run(`listing unfinished uploads under ${prefix || '/'}`, (abortSignal) =>
      client.send(
        new ListMultipartUploadsCommand({
          Bucket: bucket,
          Prefix: prefix || undefined,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
        { abortSignal },
      ),
    );
    for (const upload of page.Uploads ?? []) {
      if (!upload.Key || !upload.UploadId || ours.has(upload.UploadId)) continue;
      let parts: Awaited<ReturnType<typeof listAllParts>>;
      try {
        parts = await listAllParts(client, run, bucket, upload.Key, upload.UploadId);
      } catch (error) {
        if (s3ErrorCode(error) === 'NoSuchUpload') continue; // finished or aborted meanwhile
        throw error;
      }
      found.push({
        key: upload.Key,
        uploadId: upload.UploadId,
        initiated: upload.Initiated?.toISOString(),
        initiator: upload.Initiator?.DisplayName ?? upload.Initiator?.ID,
        parts: parts.length,
        bytes: parts.reduce((sum, part) => sum + (part.Size ?? 0), 0),
      });
    }
    if (!page.IsTruncated) return found;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
    if (keyMarker === undefined && uploadIdMarker === undefined) return found;
  }
}

/** Aborts one upload someone else started: only after the editor confirmed it. */
export async function abortForeignUpload(
  client: S3Client,
  run: StepRunner,
  bucket: string,
  key: string,
  uploadId: string,
): Promise<void> {
  await abortUpload(client, run, bucket, key, uploadId);
}
