import type { Job, JobState } from '../../../shared/contract';

export interface JobGroups {
  running: Job[];
  queued: Job[];
  paused: Job[];
  failed: Job[];
  /** Done and cancelled, newest first, one per asset, at most `recentLimit`. */
  finished: Job[];
  counts: Record<JobState, number>;
}

/** How many finished jobs the view keeps in sight; older ones are in the counts only. */
export const RECENT_LIMIT = 50;

const byTime = (pick: (job: Job) => string | null, direction: 1 | -1) => (a: Job, b: Job) =>
  direction * (pick(a) ?? '').localeCompare(pick(b) ?? '') || direction * (a.id - b.id);

/**
 * The list as an editor reads it: what runs now (longest running first), what waits in the
 * order it will run (priority, then age), what is paused, what failed (newest first), what
 * finished lately.
 */
export function groupJobs(jobs: Iterable<Job>, recentLimit = RECENT_LIMIT): JobGroups {
  const counts: Record<JobState, number> = {
    queued: 0,
    running: 0,
    paused: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
  };
  const groups = { running: [] as Job[], queued: [] as Job[], paused: [] as Job[] };
  const failed: Job[] = [];
  const finished: Job[] = [];
  for (const job of jobs) {
    counts[job.state] += 1;
    if (job.state === 'failed') failed.push(job);
    else if (job.state === 'done' || job.state === 'cancelled') finished.push(job);
    else groups[job.state].push(job);
  }
  groups.running.sort(byTime((job) => job.startedAt, 1));
  groups.queued.sort((a, b) => b.priority - a.priority || a.id - b.id);
  groups.paused.sort((a, b) => a.id - b.id);
  failed.sort(byTime((job) => job.finishedAt ?? job.updatedAt, -1));
  finished.sort(byTime((job) => job.finishedAt ?? job.updatedAt, -1));
  // An asset analysed again is listed once, by its latest job; the counts keep every job.
  const seen = new Set<number>();
  const latest = finished.filter((job) => {
    if (seen.has(job.spec.assetId)) return false;
    seen.add(job.spec.assetId);
    return true;
  });
  return { ...groups, failed, finished: latest.slice(0, recentLimit), counts };
}
