import type { CompletedPart } from '@aws-sdk/client-s3';
import { dailiesError } from '../../../shared/contract/errors';
import { contentTypeForKey } from '../object-keys';
import { objectHeaders } from './object-checks';
import { abortUpload, headObject, withoutSdkRetry, type StepRunner } from './s3-steps';
import { recordIntent } from './upload-intent';
import type { ServerSideEncryption, UploaderDeps } from './upload-types';
import { loadS3Sdk } from '../s3-sdk';

/** An object we uploaded whose `x-amz-meta-*` must follow the asset's edited metadata. */
export interface MetadataTarget {
  assetId: number;
  bucket: string;
  key: string;
  /** The file's sha256: the object must still hold exactly this file. */
  sha256: string;
  /** `x-amz-meta-*` without the prefix (objectMetadata() makes it); sha256 is added. */
  metadata: Record<string, string>;
  contentType?: string;
  encryption?: ServerSideEncryption;
  signal?: AbortSignal;
}

/** S3 copies at most 5 GiB in one CopyObject; larger objects are copied in 1 GiB parts. */
export const copyLimits = { singleCopyBytes: 5 * 1024 ** 3, partBytes: 1024 ** 3 };
const CHECKSUM_ALGORITHM = 'CRC32';

/**
 * Rewrites an uploaded object's metadata in place (S3 cannot edit metadata: the object is
 * copied onto itself with MetadataDirective REPLACE). The body never goes again. Kept: the
 * content type, the sha256 metadata and the encryption; the copy is conditional on the ETag
 * we read (a colleague's overwrite in between is not clobbered) and asks the store for a
 * CRC32 of the copied bytes, as our uploads carry, instead of whatever its default is.
 * 'unchanged' when the object already says all this (nothing is sent).
 */
export async function refreshObjectMetadata(
  deps: Pick<UploaderDeps, 'client' | 'sessions' | 'clock'>,
  run: StepRunner,
  target: MetadataTarget,
  limits = copyLimits,
): Promise<'refreshed' | 'unchanged'> {
  const { CopyObjectCommand } = await loadS3Sdk();
  const stored = await headObject(deps.client, run, target.bucket, target.key, target.signal);
  if (!stored)
    throw dailiesError(
      'E_NOT_FOUND',
      `${target.key} is no longer in the bucket; sync the asset again to upload it.`,
      { details: { bucket: target.bucket, key: target.key } },
    );
  if (stored.sha256 !== target.sha256.toLowerCase())
    throw dailiesError(
      'E_CONFLICT',
      `Another file is stored at ${target.key}; Dailies did not change its metadata.`,
      { details: { key: target.key, storedSha256: stored.sha256 ?? null } },
    );
  const headers = objectHeaders({
    key: target.key,
    sha256: target.sha256,
    metadata: target.metadata,
    contentType: target.contentType ?? stored.contentType ?? contentTypeForKey(target.key),
    encryption: target.encryption,
  });
  if (sameMetadata(stored.metadata, headers.Metadata) && stored.contentType === headers.ContentType)
    return 'unchanged';
  const source = copySource(target.bucket, target.key);
  if (stored.size <= limits.singleCopyBytes) {
    await run(
      `updating the metadata of ${target.key}`,
      (abortSignal) =>
        deps.client.send(
          new CopyObjectCommand({
            Bucket: target.bucket,
            Key: target.key,
            CopySource: source,
            CopySourceIfMatch: stored.etag,
            MetadataDirective: 'REPLACE',
            ChecksumAlgorithm: CHECKSUM_ALGORITHM,
            ...headers,
          }),
          { abortSignal },
        ),
      target.signal,
    );
  } else {
    const object = { source, size: stored.size, etag: stored.etag };
    await copyInParts(deps, run, target, object, headers, limits.partBytes);
  }
  return 'refreshed';
}

function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** x-amz-copy-source: bucket/key, the key URL-encoded segment by segment. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Above 5 GiB: a multipart upload whose parts are copied from the object itself. Its intent
 * is recorded first and forgotten at the end, so a crash leaves an upload that the asset's
 * next sync or the stale-upload cleanup aborts (upload-intent.ts), never an unknown one.
 */
async function copyInParts(
  deps: Pick<UploaderDeps, 'client' | 'sessions' | 'clock'>,
  run: StepRunner,
  target: MetadataTarget,
  object: { source: string; size: number; etag: string | undefined },
  headers: ReturnType<typeof objectHeaders>,
  partBytes: number,
): Promise<void> {
  const { CreateMultipartUploadCommand, UploadPartCopyCommand, CompleteMultipartUploadCommand } =
    await loadS3Sdk();
  const { client } = deps;
  const what = `updating the metadata of ${target.key}`;
  const intent = await recordIntent(
    client,
    run,
    deps.sessions,
    {
      assetId: target.assetId,
      bucket: target.bucket,
      key: target.key,
      startedAt: new Date(deps.clock.now()).toISOString(),
    },
    target.signal,
  );
  // Not retried: a lost answer leaves the intent, which the cleanup settles.
  const created = await run(
    what,
    (abortSignal) =>
      client.send(
        withoutSdkRetry(
          new CreateMultipartUploadCommand({
            Bucket: target.bucket,
            Key: target.key,
            ChecksumAlgorithm: CHECKSUM_ALGORITHM,
            ...headers,
          }),
        ),
        { abortSignal },
      ),
    target.signal,
  );
  const uploadId = created.UploadId;
  if (!uploadId)
    throw dailiesError('E_INTERNAL', `The storage gave no upload id for ${target.key}.`);
  try {
    const parts: CompletedPart[] = [];
    for (let start = 0, number = 1; start < object.size; start += partBytes, number++) {
      const end = Math.min(start + partBytes, object.size) - 1;
      const copied = await run(
        what,
        (abortSignal) =>
          client.send(
            new UploadPartCopyCommand({
              Bucket: target.bucket,
              Key: target.key,
              UploadId: uploadId,
              PartNumber: number,
              CopySource: object.source,
              CopySourceIfMatch: object.etag,
              CopySourceRange: `bytes=${start}-${end}`,
            }),
            { abortSignal },
          ),
        target.signal,
      );
      parts.push({
        PartNumber: number,
        ETag: copied.CopyPartResult?.ETag,
        ChecksumCRC32: copied.CopyPartResult?.ChecksumCRC32,
      });
    }
    await run(
      what,
      (abortSignal) =>
        client.send(
          new CompleteMultipartUploadCommand({
            Bucket: target.bucket,
            Key: target.key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
          { abortSignal },
        ),
      target.signal,
    );
  } catch (error) {
    // Forgotten only once aborted: otherwise the intent lets the cleanup find it later.
    const aborted = await abortUpload(client, run, target.bucket, target.key, uploadId).then(
      () => true,
      () => false,
    );
    if (aborted) deps.sessions.forgetIntent(intent.id);
    throw error;
  }
  deps.sessions.forgetIntent(intent.id);
}
