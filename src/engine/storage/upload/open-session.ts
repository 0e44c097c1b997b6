import type { UploadSessionRow } from '../../catalog/repositories/upload-session-repository';
import { abortUpload, listAllParts, type StepRunner } from './s3-steps';
import { s3ErrorCode } from '../s3-failure';
import type { DonePart } from './send-part';
import { CHECKSUM_ALGORITHM, sessionRow, startSession } from './start-session';
import { settleIntent } from './upload-intent';
import type { UploadJob, UploaderDeps } from './upload-types';

/** The session the parts go to, and the parts of it already at the store that we may skip. */
export interface OpenSession {
  session: UploadSessionRow;
  done: Map<number, DonePart>;
}

/**
 * The session for `job`: one a crash left as an intent (adopted), a recorded one that still
 * fits the file and is still at the store (resumed), or a new one. A session that no longer
 * fits the file is aborted first.
 */
export async function openSession(
  deps: UploaderDeps,
  run: StepRunner,
  job: UploadJob,
  partSize: number,
): Promise<OpenSession> {
  let session = deps.sessions.find(job.bucket, job.key, job.assetId);
  let done: Map<number, DonePart> | undefined;
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
    done = await trustedParts(deps, run, job, session);
    if (!done) {
      deps.sessions.delete(session.uploadId);
      session = undefined;
    }
  }
  if (!session) {
    session = await startSession(deps, run, job, partSize);
    done = new Map();
  }
  return { session, done: done ?? new Map<number, DonePart>() };
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
async function trustedParts(
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
export async function discard(
  deps: UploaderDeps,
  run: StepRunner,
  session: UploadSessionRow,
): Promise<void> {
  await abortUpload(deps.client, run, session.bucket, session.objectKey, session.uploadId);
  deps.sessions.delete(session.uploadId);
}
