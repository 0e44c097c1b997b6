import { PutObjectCommand } from '@aws-sdk/client-s3';
import { assertFileUnchanged } from './file-guard';
import { judgeExisting, objectHeaders } from './object-checks';
import { uploadMultipart } from './multipart-upload';
import { checksumFileRange, partBody, readPartIntoMemory } from './part-body';
import { headObject, type StepRunner } from './s3-steps';
import { abandonIntents } from './upload-intent';
import { ProgressMeter } from './upload-progress';
import type { UploadJob, UploadOutcome, UploaderDeps, UploaderOptions } from './upload-types';

/** One file: check the key, then one PutObject (small) or a resumable multipart upload. */
export async function uploadFile(
  deps: UploaderDeps,
  options: UploaderOptions,
  run: StepRunner,
  job: UploadJob,
): Promise<UploadOutcome> {
  await assertFileUnchanged(job.filePath, job.expected);
  const existing = await headObject(deps.client, run, job.bucket, job.key, job.signal);
  if (existing) {
    const outcome = judgeExisting(job, existing);
    // A crash after Complete but before forgetting the session leaves its rows behind.
    for (const session of deps.sessions.listForAsset(job.assetId)) {
      if (session.bucket === job.bucket && session.objectKey === job.key)
        deps.sessions.delete(session.uploadId);
    }
    await abandonIntents(
      deps.client,
      run,
      deps.sessions,
      deps.sessions.intentsAt(job.bucket, job.key),
    );
    return outcome;
  }
  if (job.expected.sizeBytes < options.multipartThresholdBytes)
    return putSmallFile(deps, options, run, job);
  return uploadMultipart(deps, options, run, job);
}

async function putSmallFile(
  deps: UploaderDeps,
  options: UploaderOptions,
  run: StepRunner,
  job: UploadJob,
): Promise<UploadOutcome> {
  const size = job.expected.sizeBytes;
  const progress = new ProgressMeter(job.key, size, deps.clock, job.onProgress);
  await run(
    `uploading ${job.key}`,
    async (abortSignal) => {
      // Checked and hashed on every attempt: the checksum covers the bytes this attempt sends.
      await assertFileUnchanged(job.filePath, job.expected);
      const source =
        options.partBody === 'buffer'
          ? await readPartIntoMemory(job.filePath, 0, size)
          : { checksum: await checksumFileRange(job.filePath, 0, size, abortSignal) };
      let sent = 0;
      const body = partBody(
        'bytes' in source
          ? { bytes: source.bytes }
          : { filePath: job.filePath, start: 0, length: size },
        {
          limiter: deps.limiter,
          signal: abortSignal,
          onBytes: (bytes) => {
            sent += bytes;
            progress.add(bytes);
          },
        },
      );
      try {
        return await deps.client.send(
          new PutObjectCommand({
            Bucket: job.bucket,
            Key: job.key,
            Body: body,
            ContentLength: size,
            ChecksumCRC32: source.checksum,
            ...objectHeaders(job),
          }),
          { abortSignal },
        );
      } catch (error) {
        progress.retract(sent);
        throw error;
      } finally {
        body.destroy();
      }
    },
    job.signal,
  );
  // No HeadObject after a PutObject: the store checked the CRC32 of exactly these bytes and
  // took the metadata in the same request, so a HEAD would prove nothing more and cost a
  // round trip per small file. A multipart Complete assembles parts, so it is verified.
  progress.finish();
  return { kind: 'uploaded', method: 'put', partsSent: 1, partsResumed: 0, size };
}
