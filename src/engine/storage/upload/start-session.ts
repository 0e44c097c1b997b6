import { dailiesError } from '../../../shared/contract/errors';
import type { UploadSessionRow } from '../../catalog/repositories/upload-session-repository';
import { objectHeaders } from './object-checks';
import { withoutSdkRetry, type StepRunner } from './s3-steps';
import { recordIntent, settleIntent } from './upload-intent';
import type { UploadJob, UploaderDeps } from './upload-types';
import { loadS3Sdk } from '../s3-sdk';

/** Every multipart upload is created with it, and a session made with another is not resumed. */
export const CHECKSUM_ALGORITHM = 'CRC32';

/** The catalog row of a session for `job` once its upload id is known. */
export function sessionRow(deps: UploaderDeps, job: UploadJob, uploadId: string, partSize: number) {
  return {
    assetId: job.assetId,
    bucket: job.bucket,
    objectKey: job.key,
    uploadId,
    partSize,
    fileSize: job.expected.sizeBytes,
    fileMtimeMs: Math.floor(job.expected.mtimeMs),
    fileSha256: job.sha256.toLowerCase(),
    checksumAlgorithm: CHECKSUM_ALGORITHM,
    createdAt: new Date(deps.clock.now()).toISOString(),
  };
}

/**
 * CreateMultipartUpload with its intent recorded first. The store may create the upload and
 * the answer never reach us (a crash, a cut connection): the intent (with the uploads already
 * at the key) lets this run's retry, or the next run, find that upload instead of leaving an
 * orphan we would never abort.
 */
export async function startSession(
  deps: UploaderDeps,
  run: StepRunner,
  job: UploadJob,
  partSize: number,
): Promise<UploadSessionRow> {
  const { CreateMultipartUploadCommand } = await loadS3Sdk();
  const intent = await recordIntent(
    deps.client,
    run,
    deps.sessions,
    {
      assetId: job.assetId,
      bucket: job.bucket,
      key: job.key,
      startedAt: new Date(deps.clock.now()).toISOString(),
    },
    job.signal,
  );
  let attempts = 0;
  const uploadId = await run(
    `starting the upload of ${job.key}`,
    async (abortSignal) => {
      // A failed attempt may still have created an upload: adopt it rather than make another.
      if (attempts++ > 0) {
        const adopted = await settleIntent(
          deps.client,
          run,
          deps.sessions,
          intent,
          'adopt',
          abortSignal,
        );
        if (adopted) return adopted;
      }
      const created = await deps.client.send(
        withoutSdkRetry(
          new CreateMultipartUploadCommand({
            Bucket: job.bucket,
            Key: job.key,
            ChecksumAlgorithm: CHECKSUM_ALGORITHM,
            ...objectHeaders(job),
          }),
        ),
        { abortSignal },
      );
      if (!created.UploadId)
        throw dailiesError('E_INTERNAL', `The storage gave no upload id for ${job.key}.`);
      return created.UploadId;
    },
    job.signal,
  );
  // Recorded before any part goes out: from here on a crash leaves a session we resume or abort.
  return deps.sessions.adoptIntent(intent.id, sessionRow(deps, job, uploadId, partSize));
}
