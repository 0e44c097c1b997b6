import type { UploadSessionRow } from '../../catalog/repositories/upload-session-repository';
import { headObject, type StepRunner } from './s3-steps';
import { verifyStored } from './object-checks';
import type { DonePart } from './send-part';
import type { UploadJob, UploaderDeps } from './upload-types';
import { loadS3Sdk } from '../s3-sdk';

/**
 * CompleteMultipartUpload with every part's CRC32, then a HEAD confirming size and sha256. A
 * Complete whose answer was lost is judged by the object at the key.
 */
export async function completeUpload(
  deps: UploaderDeps,
  run: StepRunner,
  job: UploadJob,
  session: UploadSessionRow,
  parts: DonePart[],
): Promise<void> {
  const { CompleteMultipartUploadCommand } = await loadS3Sdk();
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  try {
    await run(
      `finishing the upload of ${job.key}`,
      (abortSignal) =>
        deps.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: job.bucket,
            Key: job.key,
            UploadId: session.uploadId,
            MultipartUpload: {
              Parts: sorted.map((part) => ({
                PartNumber: part.partNumber,
                ETag: part.etag,
                ChecksumCRC32: part.checksum,
              })),
            },
          }),
          { abortSignal },
        ),
      job.signal,
    );
  } catch (error) {
    // The answer to a Complete that did happen can be lost; a retry then finds no upload.
    // The object itself says whether it is there.
    const stored = await headObject(deps.client, run, job.bucket, job.key, job.signal).catch(
      () => undefined,
    );
    if (
      !stored ||
      stored.sha256 !== job.sha256.toLowerCase() ||
      stored.size !== job.expected.sizeBytes
    )
      throw error;
  }
  await verifyStored(deps.client, run, job);
}
