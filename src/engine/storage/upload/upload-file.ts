import { conditionalRefusal } from './conditional-writes';
import { assertFileUnchanged } from './file-guard';
import { judgeExisting, objectHeaders } from './object-checks';
import { uploadMultipart } from './multipart-upload';
import { checksumFileRange, countedBody, readPartIntoMemory } from './part-body';
import { headObject, withoutExpectContinue } from './s3-steps';
import { s3ErrorFacts } from '../s3-failure';
import { abandonIntents } from './upload-intent';
import { ProgressMeter } from './upload-progress';
import type { FileUploadContext, UploadJob, UploadOutcome } from './upload-types';
import { loadS3Sdk } from '../s3-sdk';

/**
 * Small files up to this size are read once into memory (checksum and body from one read),
 * into buffers kept for the next file (read-buffers.ts); larger ones are read twice from disk
 * ('reread') unless the options say 'buffer'. With 16 files in flight that is at most 64 MiB.
 */
const READ_ONCE_BYTES = 4 * 1024 * 1024;

/**
 * One file: a small one goes in one PutObject (conditional where the store honours it, else
 * after a HeadObject), a large one in a resumable multipart upload after a HeadObject. What
 * is already at the key decides: this very file -> "already there", another -> E_CONFLICT.
 */
export async function uploadFile(
  context: FileUploadContext,
  job: UploadJob,
): Promise<UploadOutcome> {
  const { deps, options, run, writes } = context;
  await assertFileUnchanged(job.filePath, job.expected);
  const small = job.expected.sizeBytes < options.multipartThresholdBytes;
  if (small && writes.support(job.bucket) === 'honoured') {
    const put = await sendSmallFile(context, job, { ifAbsent: true });
    if (put.answer === 'sent') return uploadedInOnePut(job);
    if (put.answer === 'exists') {
      const existing = await headObject(deps.client, run, job.bucket, job.key, job.signal);
      // Gone again between the two requests: the HEAD-first path below sends it.
      if (existing) {
        const judged = judgeExisting(job, existing);
        // An earlier attempt of ours stored it and its answer was lost: that was this upload.
        return alreadyAtKey(context, job, put.attempts > 1 ? uploadedInOnePut(job) : judged);
      }
    } else writes.learnt(job.bucket, 'ignored');
  }
  const existing = await headObject(deps.client, run, job.bucket, job.key, job.signal);
  if (existing) return alreadyAtKey(context, job, judgeExisting(job, existing));
  if (!small) return uploadMultipart(context, job);
  await sendSmallFile(context, job, { ifAbsent: false });
  if (writes.startProbe(job.bucket)) writes.learnt(job.bucket, await probe(context, job));
  return uploadedInOnePut(job);
}

function uploadedInOnePut(job: UploadJob): UploadOutcome {
  return {
    kind: 'uploaded',
    method: 'put',
    partsSent: 1,
    partsResumed: 0,
    size: job.expected.sizeBytes,
  };
}

/** The key holds this file: forget what a crash may have left of an upload to it. */
async function alreadyAtKey(
  { deps, run }: FileUploadContext,
  job: UploadJob,
  outcome: UploadOutcome,
): Promise<UploadOutcome> {
  // A crash after Complete but before forgetting the session leaves its rows behind.
  for (const session of deps.sessions.listForAsset(job.assetId)) {
    if (session.bucket === job.bucket && session.objectKey === job.key)
      deps.sessions.delete(session.uploadId);
  }
  const intents = deps.sessions.intentsAt(job.bucket, job.key);
  if (intents.length > 0) await abandonIntents(deps.client, run, deps.sessions, intents);
  return outcome;
}

/** The file just stored, sent again under the condition: only a 412 proves the store honours it. */
async function probe(
  context: FileUploadContext,
  job: UploadJob,
): Promise<'honoured' | 'ignored' | 'unknown'> {
  try {
    const put = await sendSmallFile(context, job, { ifAbsent: true, quiet: true });
    return put.answer === 'exists' ? 'honoured' : 'ignored';
  } catch {
    return 'unknown';
  }
}

/**
 * One PutObject of the whole file, retried by our policy. With `ifAbsent` it carries
 * `If-None-Match: *` and a refusal comes back as an answer: 'exists' (412) or 'unsupported'
 * (501 / NotImplemented). `quiet` leaves progress alone (the probe re-sends a stored file).
 */
async function sendSmallFile(
  { deps, options, run, readBuffers }: FileUploadContext,
  job: UploadJob,
  how: { ifAbsent: boolean; quiet?: boolean },
): Promise<{ answer: 'sent' | 'exists' | 'unsupported'; attempts: number }> {
  const { PutObjectCommand } = await loadS3Sdk();
  const size = job.expected.sizeBytes;
  const progress = new ProgressMeter(
    job.key,
    size,
    deps.clock,
    how.quiet ? undefined : job.onProgress,
  );
  let attempts = 0;
  const answer = await run(
    `uploading ${job.key}`,
    async (abortSignal) => {
      attempts += 1;
      // Checked and hashed on every attempt: the checksum covers the bytes this attempt sends.
      await assertFileUnchanged(job.filePath, job.expected);
      const lent = size <= READ_ONCE_BYTES ? readBuffers.take(size) : undefined;
      const source =
        options.partBody === 'buffer' || lent
          ? await readPartIntoMemory(job.filePath, 0, size, lent?.bytes)
          : {
              checksum: await checksumFileRange(
                { filePath: job.filePath, start: 0, length: size },
                readBuffers,
                abortSignal,
              ),
            };
      const counted = countedBody(
        'bytes' in source
          ? { bytes: source.bytes }
          : { filePath: job.filePath, start: 0, length: size },
        { buffers: readBuffers, limiter: deps.limiter, signal: abortSignal, progress },
      );
      const body = counted.body;
      try {
        await deps.client.send(
          withoutExpectContinue(
            new PutObjectCommand({
              Bucket: job.bucket,
              Key: job.key,
              Body: body,
              ContentLength: size,
              ChecksumCRC32: source.checksum,
              ...(how.ifAbsent ? { IfNoneMatch: '*' } : {}),
              ...objectHeaders(job),
            }),
          ),
          { abortSignal },
        );
        lent?.release();
        return 'sent' as const;
      } catch (error) {
        progress.retract(counted.sent());
        const refusal = how.ifAbsent ? conditionalRefusal(s3ErrorFacts(error)) : undefined;
        if (refusal) return refusal;
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
  if (answer === 'sent') progress.finish();
  return { answer, attempts };
}
