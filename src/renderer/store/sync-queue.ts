import type { AssetSyncStatus, Job } from '../../shared/contract';

/** One asset in the upload queue: where its sync stands and its latest sync job. */
export interface SyncRow {
  assetId: number;
  status: AssetSyncStatus;
  job: Job | null;
}

export interface SyncQueue {
  /** Uploading or registering now. */
  running: SyncRow[];
  /** Queued and paused, in the order they will run. */
  waiting: SyncRow[];
  /** Failed, or stopped on a conflict with the platform: the editor has to act. */
  attention: SyncRow[];
  /** Finished lately, newest first. */
  synced: SyncRow[];
}

/** How many finished syncs the view keeps in sight. */
export const RECENT_SYNCED = 20;

/** The order the engine starts waiting jobs in: higher priority first, then oldest. */
export const runOrder = (a: Job, b: Job) => b.priority - a.priority || a.id - b.id;

/** The latest sync job of each asset (a re-send after an edit is a new job). */
export function latestJobs(jobs: Iterable<Job>): Map<number, Job> {
  const latest = new Map<number, Job>();
  for (const job of jobs) {
    const known = latest.get(job.spec.assetId);
    if (!known || known.id < job.id) latest.set(job.spec.assetId, job);
  }
  return latest;
}

/**
 * The job that speaks for the asset: its latest, unless that finished before the sync state
 * last moved (a conflict settled since the job failed on it), as the engine's sync.status rules.
 */
function currentJob(status: AssetSyncStatus, latest: Job | undefined): Job | null {
  if (!latest) return null;
  const settledSince =
    latest.finishedAt !== null && status.updatedAt !== null && status.updatedAt > latest.finishedAt;
  return settledSince ? null : latest;
}

/** The queue as the editor reads it, one row per asset. */
export function groupSyncRows(
  statuses: Record<number, AssetSyncStatus>,
  jobs: Record<number, Job>,
): SyncQueue {
  const latest = latestJobs(Object.values(jobs));
  const queue: SyncQueue = { running: [], waiting: [], attention: [], synced: [] };
  for (const status of Object.values(statuses)) {
    const job = currentJob(status, latest.get(status.assetId));
    const row = { assetId: status.assetId, status, job };
    const state = job?.state ?? status.jobState;
    if (status.conflict || state === 'failed' || state === 'cancelled') queue.attention.push(row);
    else if (state === 'running') queue.running.push(row);
    else if (state === 'queued' || state === 'paused') queue.waiting.push(row);
    else if (status.step === 'synced') queue.synced.push(row);
  }
  const byJob = (a: SyncRow, b: SyncRow) => (a.job && b.job ? runOrder(a.job, b.job) : 0);
  const newest = (a: SyncRow, b: SyncRow) =>
    (b.job?.finishedAt ?? b.status.updatedAt ?? '').localeCompare(
      a.job?.finishedAt ?? a.status.updatedAt ?? '',
    );
  queue.running.sort(byJob);
  queue.waiting.sort(byJob);
  queue.attention.sort(newest);
  queue.synced.sort(newest);
  queue.synced = queue.synced.slice(0, RECENT_SYNCED);
  return queue;
}

/**
 * The ids to hand `jobs.reorder` so that `jobId` moves within the waiting order: to the top,
 * or one place up or down. Reorder puts the ids given first, in that order, so the rows
 * before the new place are named too. Null when the row cannot move that way.
 */
export function reorderIds(
  waiting: readonly number[],
  jobId: number,
  where: 'top' | 'up' | 'down',
): number[] | null {
  const at = waiting.indexOf(jobId);
  if (at < 0) return null;
  const to = where === 'top' ? 0 : where === 'up' ? at - 1 : at + 1;
  if (to < 0 || to >= waiting.length || to === at) return null;
  const order = waiting.filter((id) => id !== jobId);
  order.splice(to, 0, jobId);
  return order.slice(0, to + 1);
}
