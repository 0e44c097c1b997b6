import type { Job, JobProgress, JobsChanged } from '../../shared/contract';

/** How often the list takes the events that arrived: progress is a level, not a log. */
export const JOB_EVENT_INTERVAL_MS = 100;

export interface JobEventSink {
  /**
   * Steps that changed many jobs alike (jobs.changed), in order. Handed over before
   * jobsChanged: each whole job there is newer than any step before it (a step after it was
   * applied to it already).
   */
  jobsChangedAlike(steps: JobsChanged[]): void;
  jobsChanged(jobs: Job[]): void;
  jobsProgressed(progress: JobProgress[]): void;
}

/**
 * Coalesces job events: a folder of a thousand files queues a thousand jobs in one burst, and
 * each running job reports ~10 times a second. Keeps the newest of each job and hands them
 * over at most once per interval, state changes before progress so a finished job's last
 * report does not revive its bar. Steps of many jobs (jobs.changed) are kept in order.
 */
export function jobEventBatcher(sink: () => JobEventSink, intervalMs = JOB_EVENT_INTERVAL_MS) {
  let alike: JobsChanged[] = [];
  let changed = new Map<number, Job>();
  let progress = new Map<number, JobProgress>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    const steps = alike;
    const jobs = [...changed.values()];
    const reports = [...progress.values()];
    alike = [];
    changed = new Map();
    progress = new Map();
    if (steps.length > 0) sink().jobsChangedAlike(steps);
    if (jobs.length > 0) sink().jobsChanged(jobs);
    if (reports.length > 0) sink().jobsProgressed(reports);
  };
  const schedule = () => {
    timer ??= setTimeout(flush, intervalMs);
  };

  return {
    changed(job: Job) {
      changed.set(job.id, job);
      if (job.state !== 'running') progress.delete(job.id);
      schedule();
    },
    changedAlike(step: JobsChanged) {
      const stops = step.changes.state !== undefined && step.changes.state !== 'running';
      for (const id of step.ids) {
        const job = changed.get(id);
        if (job) changed.set(id, { ...job, ...step.changes });
        if (stops) progress.delete(id);
      }
      alike.push(step);
      schedule();
    },
    progressed(report: JobProgress) {
      progress.set(report.jobId, report);
      schedule();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
