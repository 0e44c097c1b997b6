import type { JobQueue } from '../jobs/job-queue';
import type { Clock } from '../time/clock';
import type { RunningAnalyses } from './running-analyses';

/** How often a send waiting on an analysis that is between tries looks again. */
const RETRY_POLL_MS = 250;

/**
 * Resolves once the asset's analysis is over: no run under way and no analyse job waiting to
 * run or to be tried again. A paused one counts as over (nobody knows when it resumes): what
 * waited then finds no thumbnail and says so. E_CANCELLED when the signal aborts first.
 */
export function analysisSettled(
  running: Pick<RunningAnalyses, 'ended'>,
  queue: Pick<JobQueue, 'activeForAsset'>,
  clock: Pick<Clock, 'sleep'>,
) {
  return async (assetId: number, signal: AbortSignal): Promise<void> => {
    for (;;) {
      await running.ended(assetId, signal);
      const waiting = queue
        .activeForAsset('analyse', assetId)
        .some((job) => job.state === 'queued' || job.state === 'running');
      if (!waiting) return;
      await clock.sleep(RETRY_POLL_MS, signal);
    }
  };
}
