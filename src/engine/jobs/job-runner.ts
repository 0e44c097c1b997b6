import type { JobKind, JobSpec } from '../../shared/contract/jobs';

export interface JobProgressReport {
  stage: string;
  /** 0..100. */
  percent: number;
  file: string | null;
}

export interface JobContext {
  readonly jobId: number;
  /** The attempt now running, 1-based. */
  readonly attempt: number;
  /** Aborted when the job is paused, cancelled or the engine stops: kill children with it. */
  readonly signal: AbortSignal;
  /** Throttled by the queue (at most ~10 events a second per job). */
  progress(report: JobProgressReport): void;
}

/**
 * Does one job. Resolves when done; rejects with a DailiesError when it failed. A retryable
 * error is tried again with backoff up to the queue's bound, any other fails the job.
 */
export type JobRunner<S extends JobSpec> = (spec: S, context: JobContext) => Promise<void>;

export type JobRunners = { [K in JobKind]: JobRunner<Extract<JobSpec, { kind: K }>> };
