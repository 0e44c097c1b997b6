import type { Job, JobKind, JobsChanged } from '../../shared/contract';

/** What a slice's jobs become after steps that changed many jobs alike (jobs.changed). */
export interface AppliedJobsChanged {
  /** The slice's jobs with the changes applied to those it holds. */
  jobs: Record<number, Job>;
  /** Held jobs that no longer run: their progress bars go. */
  stopped: number[];
  /** Some listed job is not held (the slice's read was capped, or older): read again. */
  unknown: boolean;
}

/**
 * Applies the steps of one kind, in order, to the jobs a slice holds. Null when none is of
 * that kind. A job not held cannot be made up from a step (it names only what changed).
 */
export function applyJobsChanged(
  held: Record<number, Job>,
  steps: readonly JobsChanged[],
  kind: JobKind,
): AppliedJobsChanged | null {
  const mine = steps.filter((step) => step.kind === kind);
  if (mine.length === 0) return null;
  const jobs = { ...held };
  const stopped: number[] = [];
  let unknown = false;
  for (const { ids, changes } of mine) {
    for (const id of ids) {
      const job = jobs[id];
      if (!job) {
        unknown = true;
        continue;
      }
      jobs[id] = { ...job, ...changes };
      if (jobs[id].state !== 'running') stopped.push(id);
    }
  }
  return { jobs, stopped, unknown };
}

/** Once this long has passed without another call: a step every 20 ms is one burst. */
export const REREAD_QUIET_MS = 500;

/**
 * A read that runs once a burst of calls has gone quiet: after a pause of 110,000 jobs, the
 * view whose capped read missed some of them reads its jobs again, once.
 */
export function rereadWhenQuiet(read: () => void, quietMs = REREAD_QUIET_MS): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      read();
    }, quietMs);
  };
}
