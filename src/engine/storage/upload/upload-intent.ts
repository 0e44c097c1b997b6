import type { MultipartUpload, S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { parseStoredJson } from '../../catalog/parse-stored-json';
import { abortUpload, listAllParts, type StepRunner } from './s3-steps';
import { s3ErrorCode } from '../s3-failure';
import type {
  UploadIntentRow,
  UploadSessionRepository,
} from '../../catalog/repositories/upload-session-repository';
import { loadS3Sdk } from '../s3-sdk';

/**
 * How long after our intent an upload the store made for it may be dated by the store: the
 * create step's retries (a few minutes at most) plus clock skew. An upload dated later at the
 * same key is someone else's (a colleague starting the same key days later), never ours.
 */
export const INTENT_WINDOW_MS = 15 * 60_000;

const uploadIdList = z.array(z.string());

/** Every upload in progress at exactly `key` (ListMultipartUploads pages by 1,000). */
export async function listUploadsAtKey(
  client: S3Client,
  run: StepRunner,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<MultipartUpload[]> {
  const { ListMultipartUploadsCommand } = await loadS3Sdk();
  const found: MultipartUpload[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await run(
      `listing unfinished uploads of ${key}`,
      (abortSignal) =>
        client.send(
          new ListMultipartUploadsCommand({
            Bucket: bucket,
            Prefix: key,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
          { abortSignal },
        ),
      signal,
    );
    found.push(...(page.Uploads ?? []).filter((upload) => upload.Key === key && upload.UploadId));
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
    if (!page.IsTruncated || (keyMarker === undefined && uploadIdMarker === undefined))
      return found;
  }
}

/**
 * Records the intent to create a multipart upload at `key`, with the uploads already in
 * progress there (they are not ours). Call it right before CreateMultipartUpload.
 */
export async function recordIntent(
  client: S3Client,
  run: StepRunner,
  sessions: UploadSessionRepository,
  at: { assetId: number | null; bucket: string; key: string; startedAt: string },
  signal?: AbortSignal,
): Promise<UploadIntentRow> {
  const before = await listUploadsAtKey(client, run, at.bucket, at.key, signal);
  return sessions.recordIntent({
    assetId: at.assetId,
    bucket: at.bucket,
    objectKey: at.key,
    startedAt: at.startedAt,
    uploadIdsBeforeJson: JSON.stringify(before.map((upload) => upload.UploadId)),
  });
}

/**
 * The uploads at the intent's key that our lost CreateMultipartUpload may have made, newest
 * first: not in progress when the intent was recorded (so started after it, whatever date
 * the store gives; moto dates every upload 2010), not recorded by any session of ours, and
 * dated by the store no later than INTENT_WINDOW_MS after the intent.
 */
export function uploadsOfIntent(
  intent: UploadIntentRow,
  listed: readonly MultipartUpload[],
  recorded: ReadonlySet<string>,
): string[] {
  const before = new Set(parseStoredJson(intent.uploadIdsBeforeJson, uploadIdList) ?? []);
  const latest = Date.parse(intent.startedAt) + INTENT_WINDOW_MS;
  return listed
    .map((upload, order) => ({ upload, order }))
    .filter(
      ({ upload }) =>
        upload.Key === intent.objectKey &&
        upload.UploadId !== undefined &&
        !before.has(upload.UploadId) &&
        !recorded.has(upload.UploadId) &&
        (upload.Initiated === undefined || upload.Initiated.getTime() <= latest),
    )
    .sort(
      (a, b) =>
        (b.upload.Initiated?.getTime() ?? 0) - (a.upload.Initiated?.getTime() ?? 0) ||
        b.order - a.order,
    )
    .map(({ upload }) => upload.UploadId!);
}

/**
 * Settles an intent whose UploadId we never heard: 'adopt' takes the newest upload it made
 * whose parts the store can list and aborts the others; 'abort' aborts them all (the asset
 * was removed, or the object is already there). Returns the adopted id. The caller then turns
 * the intent into a session or forgets it.
 */
export async function settleIntent(
  client: S3Client,
  run: StepRunner,
  sessions: UploadSessionRepository,
  intent: UploadIntentRow,
  mode: 'adopt' | 'abort',
  signal?: AbortSignal,
): Promise<string | undefined> {
  const listed = await listUploadsAtKey(client, run, intent.bucket, intent.objectKey, signal);
  const candidates = uploadsOfIntent(intent, listed, sessions.uploadIdsIn(intent.bucket));
  let adopted: string | undefined;
  for (const uploadId of candidates) {
    if (mode === 'adopt' && adopted === undefined) {
      try {
        await listAllParts(client, run, intent.bucket, intent.objectKey, uploadId, signal);
        adopted = uploadId;
        continue;
      } catch (error) {
        if (s3ErrorCode(error) !== 'NoSuchUpload') throw error;
        continue; // finished or aborted meanwhile: nothing to adopt or abort
      }
    }
    await abortUpload(client, run, intent.bucket, intent.objectKey, uploadId);
  }
  return adopted;
}

/** Aborts whatever these intents made and forgets them. */
export async function abandonIntents(
  client: S3Client,
  run: StepRunner,
  sessions: UploadSessionRepository,
  intents: readonly UploadIntentRow[],
): Promise<void> {
  for (const intent of intents) {
    await settleIntent(client, run, sessions, intent, 'abort');
    sessions.forgetIntent(intent.id);
  }
}
