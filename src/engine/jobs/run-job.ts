import type { DailiesError, JobSpec } from '../../shared/contract';
import type { JobRepository, JobRow } from '../catalog/repositories/job-repository';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { toDailiesError } from '../rpc/to-error-value';
import { decideRetry, type RetryPolicy } from '../time/retry-policy';
import { assetOf } from './job-mapper';
import type { JobKinds } from './job-kinds';
import type { JobContext } from './job-runner';
import { progressThrottle } from './progress-throttle';
import { isoNow, type Clock } from '../time/clock';

export type StopReason = 'pause' | 'cancel' | 'dispose';

/** How often, at most, a running job's progress is written to the catalog. */
const STORE_PROGRESS_MS = 1_000;

/** A job the queue started; `stop` says who stopped it (the state was written by them). */
export interface RunningJob {
  readonly spec: JobSpec;
  readonly controller: AbortController;
  stop: StopReason | null;
}

export interface RunJobDeps {
  repository: JobRepository;
  kinds: JobKinds;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  retryPolicy: RetryPolicy;
  progressIntervalMs?: number | undefined;
  announce: (row: JobRow) => void;
}

/**
 * Runs one started job with its kind's runner and writes the outcome: done; queued again
 * after a backoff (a retryable error within the policy's bound); held (the kind's give-up
 * hook parks it, state paused with the hold as its error); or failed. A job stopped by
 * pause or cancel keeps the state they wrote; one stopped by dispose stays running.
 */
export async function runJob(
  deps: RunJobDeps,
  row: JobRow,
  spec: JobSpec,
  running: RunningJob,
): Promise<void> {
  // The catalog keeps a running job's progress for views that open later; the live figure
  // goes out as events. A write a second at most, the last level always written once its
  // second is up (and none for 0 %, which the start wrote, or 100 %, which the end writes),
  // spares a short job's every stage a commit of its own.
  let stored = 0;
  const store = progressThrottle(
    STORE_PROGRESS_MS,
    ({ percent }) => {
      if (running.stop || percent === stored || percent >= 100) return;
      deps.repository.updateProgress(row.id, percent);
      stored = percent;
    },
    deps.clock,
  );
  const progress = progressThrottle(
    deps.progressIntervalMs ?? 100,
    (report) => {
      if (running.stop) return;
      const percent = Math.max(0, Math.min(100, report.percent));
      store.report({ ...report, percent });
      deps.events.emit('job.progress', {
        jobId: row.id,
        kind: spec.kind,
        assetId: assetOf(spec),
        stage: report.stage,
        percent,
        file: report.file,
      });
    },
    deps.clock,
  );
  const context: JobContext = {
    jobId: row.id,
    attempt: row.attempts,
    signal: running.controller.signal,
    progress: (report) => progress.report(report),
  };
  try {
    await deps.kinds.of(spec.kind).run(spec, context);
    progress.close();
    store.close();
    if (running.stop === 'dispose') return;
    // Finished before the stop could take effect: the work is done, say so.
    const done = deps.repository.markDone(row.id, isoNow(deps.clock));
    if (done) deps.announce(done);
  } catch (thrown) {
    progress.close();
    store.close();
    if (running.stop) return; // pause/cancel already wrote the state; dispose leaves it
    settleFailure(
      deps,
      row,
      spec,
      toDailiesError(thrown, deps.logger, `${spec.kind} job ${row.id}`),
    );
  }
}

function settleFailure(deps: RunJobDeps, row: JobRow, spec: JobSpec, error: DailiesError): void {
  const decision = decideRetry(
    error,
    row.attempts,
    deps.retryPolicy,
    () => deps.clock.random(),
    deps.clock.now(),
  );
  if (decision.kind === 'retry') {
    const runAfter = new Date(deps.clock.now() + decision.delayMs).toISOString();
    deps.logger.info('job will be retried', {
      jobId: row.id,
      attempt: row.attempts,
      delayMs: decision.delayMs,
      code: error.code,
    });
    update(deps, row.id, {
      state: 'queued',
      runAfter,
      errorJson: JSON.stringify(error.toValue()),
    });
    return;
  }
  const outcome = deps.kinds.of(spec.kind).onGiveUp(row.id, spec, error);
  if (outcome !== 'fail') {
    deps.logger.warn('job held', { jobId: row.id, kind: spec.kind, code: error.code });
    update(deps, row.id, {
      state: 'paused',
      runAfter: null,
      errorJson: JSON.stringify(outcome.hold.toValue()),
    });
    return;
  }
  deps.logger.warn('job failed', { jobId: row.id, kind: spec.kind, code: error.code });
  finish(deps, row.id, {
    state: 'failed',
    errorJson: JSON.stringify({
      ...error.toValue(),
      details: { ...error.details, attempts: row.attempts },
    }),
  });
}

function finish(deps: RunJobDeps, id: number, fields: Partial<JobRow>): void {
  const at = isoNow(deps.clock);
  update(deps, id, { ...fields, updatedAt: at, finishedAt: at });
}

function update(deps: RunJobDeps, id: number, fields: Partial<JobRow>): void {
  const updatedAt = fields.updatedAt ?? isoNow(deps.clock);
  const row = deps.repository.update(id, { ...fields, updatedAt });
  if (row) deps.announce(row);
}
