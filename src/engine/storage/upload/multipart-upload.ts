import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { DailiesError, dailiesError } from '../../../shared/contract/errors';
import { assertFileUnchanged } from './file-guard';
import { choosePartSize, planParts, type PartRange } from './part-plan';
import { checksumFileRange, partBody, readPartIntoMemory } from './part-body';
import {
  abortUpload,
  headObject,
  listAllParts,
  withoutExpectContinue,
  withoutSdkRetry,
  type StepRunner,
} from './s3-steps';
import { recordIntent, settleIntent } from './upload-intent';
import { s3ErrorCode } from '../s3-failure';
import { objectHeaders, verifyStored } from './object-checks';
import { ProgressMeter } from './upload-progress';
import type { UploadSessionRow } from '../../catalog/repositories/upload-session-repository';
import type { UploadJob, UploadOutcome, UploaderDeps, UploaderOptions } from './upload-types';
import { waitForUploadWindow } from './upload-window';

const CHECKSUM_ALGORITHM = 'CRC32';

interface DonePart {
  partNumber: number;
  etag: string;
  checksum: string;
  size: number;
}

/** A recorded session still describes this file (same bytes, as far as size/mtime/sha256 say). */
function sessionFits(session: UploadSessionRow, job: UploadJob): boolean {
  return (
    session.fileSize === job.expected.sizeBytes &&
    session.fileMtimeMs === Math.floor(job.expected.mtimeMs) &&
    session.fileSha256 === job.sha256.toLowerCase() &&
    session.checksumAlgorithm === CHECKSUM_ALGORITHM
  );
}

/**
 * The parts a previous run finished that we may skip: recorded by us AND listed by the store
 * with the same ETag and size. A part only listed (sent, but the crash came before recording
 * it) or only recorded (the store lost it) is sent again; it costs one part, never a
 * corrupt object.
 */
async function reconcile(
  deps: UploaderDeps,
  run: StepRunner,
  job: UploadJob,
  session: UploadSessionRow,
): Promise<Map<number, DonePart> | undefined> {
  let listed;
  try {
    listed = await listAllParts(
      deps.client,
      run,
      job.bucket,
      job.key,
      session.uploadId,
      job.signal,
    );
  } catch (error) {
    // The upload is gone (aborted, expired by a lifecycle rule): start cleanly over.
    if (s3ErrorCode(error) === 'NoSuchUpload') return undefined;
    throw error;
  }
  const byNumber = new Map(listed.map((part) => [part.PartNumber, part]));
  const trusted = new Map<number, DonePart>();
  const stale: number[] = [];
  for (const row of deps.sessions.parts(session.uploadId)) {
    const remote = byNumber.get(row.partNumber);
    if (remote && remote.ETag === row.etag && remote.Size === row.sizeBytes) {
      trusted.set(row.partNumber, {
        partNumber: row.partNumber,
        etag: row.etag,
        checksum: row.checksum,
        size: row.sizeBytes,
      });
    } else {
      stale.push(row.partNumber);
    }
  }
  deps.sessions.forgetParts(session.uploadId, stale);
  return trusted;
}

/** The catalog row of a session for `job` once its upload id is known. */
function sessionRow(deps: UploaderDeps, job: UploadJob, uploadId: string, partSize: number) {
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
async function startSession(
  deps: UploaderDeps,
  run: StepRunner,
  job: UploadJob,
  partSize: number,
): Promise<UploadSessionRow> {
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

/**
 * Intents a crash left at this key: the newest upload one of them made becomes the session
 * (when there is none yet); every other upload they made is aborted.
 */
async function settleLeftIntents(
  deps: UploaderDeps,
  run: StepRunner,
  job: UploadJob,
  partSize: number,
  haveSession: boolean,
): Promise<UploadSessionRow | undefined> {
  let adopted: UploadSessionRow | undefined;
  for (const intent of deps.sessions.intentsAt(job.bucket, job.key)) {
    const mode = haveSession || adopted ? 'abort' : 'adopt';
    const uploadId = await settleIntent(deps.client, run, deps.sessions, intent, mode, job.signal);
    if (uploadId) {
      adopted = deps.sessions.adoptIntent(intent.id, sessionRow(deps, job, uploadId, partSize));
    } else deps.sessions.forgetIntent(intent.id);
  }
  return adopted;
}

/** Aborts the upload at the store and forgets it (file changed, asset removed, restart). */
async function discard(
  deps: UploaderDeps,
  run: StepRunner,
  session: UploadSessionRow,
): Promise<void> {
  await abortUpload(deps.client, run, session.bucket, session.objectKey, session.uploadId);
  deps.sessions.delete(session.uploadId);
}

/**
 * Create (or resume) -> parts -> complete, every step recorded in the catalog before the next.
 * Parts run `partConcurrency` at a time; the first failure stops the others. A cancel keeps
 * the session for the next run; a file changed under us aborts it.
 */
export async function uploadMultipart(
  deps: UploaderDeps,
  options: UploaderOptions,
  run: StepRunner,
  job: UploadJob,
): Promise<UploadOutcome> {
  const size = job.expected.sizeBytes;
  let session = deps.sessions.find(job.bucket, job.key, job.assetId);
  let done: Map<number, DonePart> | undefined;
  const partSize = choosePartSize(size, options);
  const adopted = await settleLeftIntents(deps, run, job, partSize, session !== undefined);
  if (adopted) {
    // Made moments before the crash, before any part could be sent: nothing to reconcile.
    session = adopted;
    done = new Map();
  }
  if (session && !sessionFits(session, job)) {
    await discard(deps, run, session);
    session = undefined;
  }
  if (session && !done) {
    done = await reconcile(deps, run, job, session);
    if (!done) {
      deps.sessions.delete(session.uploadId);
      session = undefined;
    }
  }
  if (!session) {
    session = await startSession(deps, run, job, partSize);
    done = new Map();
  }
  const active = session;
  const finished = done ?? new Map<number, DonePart>();
  const plan = planParts(size, active.partSize);
  const partsResumed = finished.size;
  const alreadySent = [...finished.values()].reduce((sum, part) => sum + part.size, 0);
  const progress = new ProgressMeter(job.key, size, deps.clock, job.onProgress, alreadySent);

  try {
    const missing = plan.filter((part) => !finished.has(part.partNumber));
    await runParts(missing, options.partConcurrency, job.signal, async (part, signal) => {
      finished.set(
        part.partNumber,
        await sendPart(deps, options, run, job, active, part, progress, signal),
      );
      job.onPartRecorded?.(part.partNumber, plan.length);
    });
    await assertFileUnchanged(job.filePath, job.expected);
    await complete(deps, run, job, active, [...finished.values()]);
  } catch (error) {
    if (
      error instanceof DailiesError &&
      (error.code === 'E_FILE_CHANGED' || error.code === 'E_FILE_MISSING')
    ) {
      await discard(deps, run, active).catch(() => undefined);
    }
    throw error;
  }
  deps.sessions.delete(active.uploadId);
  progress.finish();
  return {
    kind: 'uploaded',
    method: 'multipart',
    partsSent: plan.length - partsResumed,
    partsResumed,
    size,
  };
}

async function sendPart(
  deps: UploaderDeps,
  options: UploaderOptions,
  run: StepRunner,
  job: UploadJob,
  session: UploadSessionRow,
  part: PartRange,
  progress: ProgressMeter,
  signal: AbortSignal,
): Promise<DonePart> {
  await waitForUploadWindow(options.window, deps.clock, signal);
  const result = await run(
    `uploading part ${part.partNumber} of ${job.key}`,
    async (abortSignal) => {
      // Before every attempt: the file as the catalog knows it, and a checksum of the bytes
      // this attempt reads (a BadDigest retry re-reads and re-hashes).
      await assertFileUnchanged(job.filePath, job.expected);
      const source =
        options.partBody === 'buffer'
          ? await readPartIntoMemory(job.filePath, part.start, part.length)
          : {
              checksum: await checksumFileRange(job.filePath, part.start, part.length, abortSignal),
            };
      let sent = 0;
      const body = partBody(
        'bytes' in source
          ? { bytes: source.bytes }
          : { filePath: job.filePath, start: part.start, length: part.length },
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
        progress.retract(sent);
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

async function complete(
  deps: UploaderDeps,
  run: StepRunner,
  job: UploadJob,
  session: UploadSessionRow,
  parts: DonePart[],
): Promise<void> {
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

/**
 * Runs `work` over `items`, `concurrency` at a time. The first failure aborts the rest (their
 * requests are cancelled) and is the error thrown, unless it was only the caller's cancel.
 */
async function runParts<T>(
  items: readonly T[],
  concurrency: number,
  outer: AbortSignal | undefined,
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  outer?.addEventListener('abort', onAbort, { once: true });
  if (outer?.aborted) controller.abort();
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (!controller.signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item, controller.signal);
      } catch (error) {
        failure ??= error;
        controller.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
  if (outer?.aborted)
    throw dailiesError('E_CANCELLED', 'The upload was stopped; it resumes from its last part.');
}
