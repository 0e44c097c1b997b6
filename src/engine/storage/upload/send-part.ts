import { dailiesError } from '../../../shared/contract/errors';
import type { UploadSessionRow } from '../../catalog/repositories/upload-session-repository';
import { assertFileUnchanged } from './file-guard';
import type { PartRange } from './part-plan';
import { checksumFileRange, countedBody, readPartIntoMemory } from './part-body';
import { withoutExpectContinue } from './s3-steps';
import type { ProgressMeter } from './upload-progress';
import type { FileUploadContext, UploadJob } from './upload-types';
import { waitForUploadWindow } from './upload-window';
import { loadS3Sdk } from '../s3-sdk';

/** A part at the store and in our records: what Complete lists. */
export interface DonePart {
  partNumber: number;
  etag: string;
  checksum: string;
  size: number;
}

/**
 * One part, once the upload window is open: checksummed from the bytes this very attempt
 * reads, sent, then recorded, so a restart skips it.
 */
export async function sendPart(
  { deps, options, run, readBuffers }: FileUploadContext,
  job: UploadJob,
  session: UploadSessionRow,
  part: PartRange,
  progress: ProgressMeter,
  signal: AbortSignal,
): Promise<DonePart> {
  const { UploadPartCommand } = await loadS3Sdk();
  await waitForUploadWindow(options.window, deps.clock, signal);
  const result = await run(
    `uploading part ${part.partNumber} of ${job.key}`,
    async (abortSignal) => {
      // Before every attempt: the file as the catalog knows it, and a checksum of the bytes
      // this attempt reads (a BadDigest retry re-reads and re-hashes).
      await assertFileUnchanged(job.filePath, job.expected);
      const range = { filePath: job.filePath, start: part.start, length: part.length };
      const source =
        options.partBody === 'buffer'
          ? await readPartIntoMemory(job.filePath, part.start, part.length)
          : { checksum: await checksumFileRange(range, readBuffers, abortSignal) };
      const counted = countedBody('bytes' in source ? { bytes: source.bytes } : range, {
        buffers: readBuffers,
        limiter: deps.limiter,
        signal: abortSignal,
        progress,
      });
      const body = counted.body;
      try {
        const answer = await deps.client.send(
          withoutExpectContinue(
            new UploadPartCommand({
              Bucket: job.bucket,
              Key: job.key,
              UploadId: session.uploadId,
              PartNumber: part.partNumber,
              Body: body,
              ContentLength: part.length,
              ChecksumCRC32: source.checksum,
            }),
          ),
          { abortSignal },
        );
        if (!answer.ETag)
          throw dailiesError('E_NETWORK', 'The storage gave no ETag for a part.', {
            retryable: true,
          });
        return { etag: answer.ETag, checksum: source.checksum };
      } catch (error) {
        progress.retract(counted.sent());
        throw error;
      } finally {
        body.destroy();
      }
    },
    signal,
  );
  deps.sessions.recordPart({
    assetId: job.assetId,
    objectKey: job.key,
    uploadId: session.uploadId,
    partNumber: part.partNumber,
    sizeBytes: part.length,
    etag: result.etag,
    checksum: result.checksum,
    completedAt: new Date(deps.clock.now()).toISOString(),
  });
  return {
    partNumber: part.partNumber,
    etag: result.etag,
    checksum: result.checksum,
    size: part.length,
  };
}
