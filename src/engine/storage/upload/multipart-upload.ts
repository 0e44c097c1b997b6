import { DailiesError } from '../../../shared/contract/errors';
import { completeUpload } from './complete-upload';
import { assertFileUnchanged } from './file-guard';
import { discard, openSession } from './open-session';
import { choosePartSize, planParts } from './part-plan';
import { runParts } from './run-parts';
import { sendPart } from './send-part';
import { ProgressMeter } from './upload-progress';
import type { FileUploadContext, UploadJob, UploadOutcome } from './upload-types';

/**
 * Create (or resume) -> parts -> complete, every step recorded in the catalog before the next.
 * Parts run `partConcurrency` at a time; the first failure stops the others. A cancel keeps
 * the session for the next run; a file changed under us aborts it.
 */
export async function uploadMultipart(
  context: FileUploadContext,
  job: UploadJob,
): Promise<UploadOutcome> {
  const { deps, options, run } = context;
  const size = job.expected.sizeBytes;
  const { session: active, done: finished } = await openSession(
    deps,
    run,
    job,
    choosePartSize(size, options),
  );
  const plan = planParts(size, active.partSize);
  const partsResumed = finished.size;
  const alreadySent = [...finished.values()].reduce((sum, part) => sum + part.size, 0);
  const progress = new ProgressMeter(job.key, size, deps.clock, job.onProgress, alreadySent);

  try {
    const missing = plan.filter((part) => !finished.has(part.partNumber));
    await runParts(missing, options.partConcurrency, job.signal, async (part, signal) => {
      finished.set(part.partNumber, await sendPart(context, job, active, part, progress, signal));
      job.onPartRecorded?.(part.partNumber, plan.length);
    });
    await assertFileUnchanged(job.filePath, job.expected);
    await completeUpload(deps, run, job, active, [...finished.values()]);
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
