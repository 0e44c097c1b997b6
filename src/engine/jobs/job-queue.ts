import {
  dailiesError,
  jobKinds,
  type DailiesError,
  type Job,
  type JobKind,
  type JobSelection,
  type JobSpec,
  type JobState,
} from '../../shared/contract';
import { assertNever } from '../../shared/assert-never';
import type { JobRepository, JobRow } from '../catalog/repositories/job-repository';
import type { Transact } from '../catalog/transact';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { toDailiesError } from '../rpc/to-error-value';
import { decideRetry, type RetryPolicy } from '../time/retry-policy';
import { parseSpec, toJob } from './job-mapper';
import type { JobContext, JobRunners } from './job-runner';
import { progressThrottle } from './progress-throttle';

export interface JobQueueDeps {
  repository: JobRepository;
  transact: Transact;
  events: EventBus;
  logger: Logger;
  now: () => Date;
  runners: JobRunners;
  /** Workers per kind; read at every scheduling step, so a settings change applies at once. */
  concurrency: (kind: JobKind) => number;
  /**
   * Whether a queued job may start now, given the specs of the jobs running (of every kind).
   * A job refused is skipped for the next one in order (it does not block its kind): sync
   * admits a job while fewer than its own profile's upload concurrency run.
   */
  admit?: (spec: JobSpec, running: readonly JobSpec[]) => boolean;
  retryPolicy: RetryPolicy;
  random?: () => number;
  progressIntervalMs?: number;
  /**
   * Asked when a job gives up: `{ hold }` parks it (state paused, that error stored) instead
   * of failing it, for what clears for many jobs at once (a wrong token, the network). The
   * hook may hold other jobs too, but must not wait for the job it is asked about.
   */
  onGiveUp?: (jobId: number, spec: JobSpec, error: DailiesError) => 'fail' | { hold: DailiesError };
}

type StopReason = 'pause' | 'cancel' | 'dispose';

interface Running {
  kind: JobKind;
  spec: JobSpec;
  controller: AbortController;
  stop: StopReason | null;
  done: Promise<void>;
}

/**
 * The durable queue: jobs live in the catalog, so a crash or a restart loses none (a job that
 * was running is queued again at start). Rules: per-kind concurrency, priority then age,
 * retryable errors tried again with exponential backoff up to the policy's bound, pause /
 * resume / cancel / retry by id or all. Stopping a running job aborts its signal, which
 * kills its child process; dispose() waits until every child is gone.
 */
export class JobQueue {
  readonly #running = new Map<number, Running>();
  #timer: NodeJS.Timeout | null = null;
  #started = false;
  #disposed = false;
  #pumpScheduled = false;

  constructor(private readonly deps: JobQueueDeps) {}

  /** Re-queues what a previous run left running, then starts work. */
  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    const requeued = this.deps.repository.requeueRunning(this.#nowIso());
    if (requeued.length > 0) {
      this.deps.logger.info('jobs re-queued after restart', { ids: requeued.map((r) => r.id) });
      requeued.forEach((row) => this.#announce(row));
    }
    this.#pump();
  }

  enqueue(spec: JobSpec, priority = 0): Job {
    if (this.#disposed) throw dailiesError('E_DISPOSED', 'Dailies is shutting down.');
    const row = this.deps.repository.insert({
      kind: spec.kind,
      specJson: JSON.stringify(spec),
      assetId: assetOf(spec),
      priority,
      at: this.#nowIso(),
    });
    this.#announce(row);
    this.#schedulePump();
    return toJob(row)!;
  }

  /** Unfinished jobs of a kind for an asset (queued, running or paused). */
  activeForAsset(kind: JobKind, assetId: number): Job[] {
    return this.deps.repository
      .findActiveForAsset(kind, assetId)
      .map(toJob)
      .filter((job): job is Job => job !== null);
  }

  /** Each asset's newest job of a kind, whatever its state. */
  latestForAssets(kind: JobKind, assetIds: readonly number[]): Map<number, Job> {
    const out = new Map<number, Job>();
    for (const [assetId, row] of this.deps.repository.latestForAssets(kind, assetIds)) {
      const job = toJob(row);
      if (job) out.set(assetId, job);
    }
    return out;
  }

  /** Jobs of a kind in some states (for "pause every sync of this profile"). */
  inStates(kind: JobKind, states: readonly JobState[]): Job[] {
    return this.deps.repository
      .findInStates(states, null, kind)
      .map(toJob)
      .filter((job): job is Job => job !== null);
  }

  /** How many assets' newest job of a kind is in each state. */
  latestStateCounts(kind: JobKind): Map<JobState, number> {
    return this.deps.repository.latestStateCounts(kind);
  }

  isRunning(jobId: number): boolean {
    return this.#running.has(jobId);
  }

  list(filter: { state?: JobState; kind?: JobKind; limit: number }): Job[] {
    return this.deps.repository
      .list(filter)
      .map(toJob)
      .filter((job): job is Job => job !== null);
  }

  /**
   * The editor pauses. Resolves once the jobs it stopped have ended (their child processes
   * with them). A job Dailies held (see hold()) becomes the editor's: its hold error is
   * cleared, so nothing resumes it but the editor.
   */
  async pause(selection: JobSelection): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const changed = this.#change(selection, ['queued', 'running', 'paused'], (row) => {
      if (row.state === 'paused') return row.errorJson === null ? null : { errorJson: null };
      stopped.push(this.#stop(row.id, 'pause'));
      return { state: 'paused', runAfter: null, errorJson: null };
    });
    await Promise.allSettled(stopped);
    return changed;
  }

  /**
   * Dailies pauses (a hold): like pause, but `reason` is stored as the job's error, which is
   * how a hold is told from an editor's pause, also after a restart.
   */
  async hold(selection: JobSelection, reason: DailiesError): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const errorJson = JSON.stringify(reason.toValue());
    const changed = this.#change(selection, ['queued', 'running'], (row) => {
      stopped.push(this.#stop(row.id, 'pause'));
      return { state: 'paused', runAfter: null, errorJson };
    });
    await Promise.allSettled(stopped);
    return changed;
  }

  resume(selection: JobSelection): number {
    const changed = this.#change(selection, ['paused'], () => ({
      state: 'queued',
      runAfter: null,
    }));
    this.#schedulePump();
    return changed;
  }

  /**
   * The listed waiting (queued or paused) jobs run first, in the listed order; the other
   * waiting jobs keep their order after them. Done by rewriting priorities (the listed jobs
   * go above every other waiting job), so the order survives a restart and a job queued later
   * with a higher priority still goes ahead. Running and finished jobs are left alone.
   */
  reorder(ids: readonly number[]): number {
    const at = this.#nowIso();
    const rows = this.deps.transact(() => {
      const waiting = this.deps.repository.findInStates(['queued', 'paused'], null);
      const byId = new Map(waiting.map((row) => [row.id, row]));
      const listed = [...new Set(ids)].filter((id) => byId.has(id));
      const chosen = new Set(listed);
      const others = waiting.filter((row) => !chosen.has(row.id));
      const floor = others.length > 0 ? Math.max(...others.map((row) => row.priority)) : 0;
      return listed
        .map((id, index) => ({ row: byId.get(id)!, priority: floor + listed.length - index }))
        .filter(({ row, priority }) => row.priority !== priority)
        .map(({ row, priority }) =>
          this.deps.repository.update(row.id, { priority, updatedAt: at }),
        )
        .filter((row): row is JobRow => row !== undefined);
    });
    rows.forEach((row) => this.#announce(row));
    this.#schedulePump();
    return rows.length;
  }

  /** Resolves once the running jobs it cancelled have ended (their processes killed). */
  async cancel(selection: JobSelection): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const changed = this.#change(selection, ['queued', 'running', 'paused'], (row) => {
      stopped.push(this.#stop(row.id, 'cancel'));
      return { state: 'cancelled', runAfter: null, finishedAt: this.#nowIso() };
    });
    await Promise.allSettled(stopped);
    return changed;
  }

  retry(selection: JobSelection): number {
    const changed = this.#change(selection, ['failed', 'cancelled'], () => ({
      state: 'queued',
      attempts: 0,
      progress: 0,
      errorJson: null,
      runAfter: null,
      finishedAt: null,
    }));
    this.#schedulePump();
    return changed;
  }

  /** Something that decides scheduling changed (a setting): look for work again. */
  poke(): void {
    this.#schedulePump();
  }

  /**
   * Stops every running job and waits for it (and its child process) to end. Their rows stay
   * `running`, exactly as after a crash, so the next start queues them again.
   */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const running = [...this.#running.values()];
    for (const entry of running) {
      entry.stop = 'dispose';
      entry.controller.abort();
    }
    await Promise.allSettled(running.map((entry) => entry.done));
  }

  #change(
    selection: JobSelection,
    from: readonly JobState[],
    /** The fields to change; null leaves the row alone. */
    to: (row: JobRow) => Partial<JobRow> | null,
  ): number {
    const ids = 'ids' in selection ? selection.ids : null;
    const kind = 'all' in selection ? selection.kind : undefined;
    const at = this.#nowIso();
    const rows = this.deps.transact(() =>
      this.deps.repository.findInStates(from, ids, kind).flatMap((row) => {
        const fields = to(row);
        if (fields === null) return [];
        const updated = this.deps.repository.update(row.id, { ...fields, updatedAt: at });
        return updated ? [updated] : [];
      }),
    );
    rows.forEach((row) => this.#announce(row));
    return rows.length;
  }

  #stop(jobId: number, reason: StopReason): Promise<void> {
    const entry = this.#running.get(jobId);
    if (!entry) return Promise.resolve();
    if (!entry.stop) {
      entry.stop = reason;
      entry.controller.abort();
    }
    return entry.done;
  }

  #schedulePump(): void {
    if (this.#pumpScheduled || !this.#started || this.#disposed) return;
    this.#pumpScheduled = true;
    // Many jobs queued in one tick (an ingest of a folder) cost one scheduling pass.
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (!this.#started || this.#disposed) return;
    const nowIso = this.#nowIso();
    for (const kind of jobKinds) {
      const limit = Math.max(1, this.deps.concurrency(kind));
      if (this.deps.admit) this.#admitInOrder(kind, limit, nowIso, this.deps.admit);
      while (!this.deps.admit && this.#runningOf(kind) < limit) {
        const row = this.deps.repository.nextQueued(kind, nowIso);
        if (!row) break;
        this.#begin(row);
      }
    }
    this.#armRetryTimer(nowIso);
  }

  /** Starts due jobs in order, skipping those `admit` refuses, up to the kind's limit. */
  #admitInOrder(
    kind: JobKind,
    limit: number,
    nowIso: string,
    admit: NonNullable<JobQueueDeps['admit']>,
  ): void {
    let after: { priority: number; id: number } | null = null;
    // Bounded, so a long queue of refused jobs costs a few pages per pass, not the table.
    for (let page = 0; page < 20 && this.#runningOf(kind) < limit; page += 1) {
      const rows = this.deps.repository.queuedPage(kind, nowIso, after, 100);
      for (const row of rows) {
        if (this.#runningOf(kind) >= limit) return;
        const spec = parseSpec(row);
        const running = [...this.#running.values()].map((entry) => entry.spec);
        if (!spec || admit(spec, running)) this.#begin(row);
      }
      if (rows.length < 100) return;
      const last = rows[rows.length - 1]!;
      after = { priority: last.priority, id: last.id };
    }
  }

  #armRetryTimer(nowIso: string): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const next = this.deps.repository.earliestRunAfter(nowIso);
    if (next === null) return;
    const delay = Math.max(0, Date.parse(next) - this.deps.now().getTime());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#pump();
    }, delay + 5);
    this.#timer.unref();
  }

  #runningOf(kind: JobKind): number {
    let count = 0;
    for (const entry of this.#running.values()) if (entry.kind === kind) count += 1;
    return count;
  }

  #begin(queued: JobRow): void {
    const at = this.#nowIso();
    const spec = parseSpec(queued);
    if (!spec) {
      const failed = this.deps.repository.update(queued.id, {
        state: 'failed',
        errorJson: JSON.stringify(
          dailiesError(
            'E_INTERNAL',
            'This job was written by another version of Dailies.',
          ).toValue(),
        ),
        updatedAt: at,
        finishedAt: at,
      });
      if (failed) this.#announce(failed);
      return;
    }
    const row = this.deps.repository.update(queued.id, {
      state: 'running',
      attempts: queued.attempts + 1,
      progress: 0,
      runAfter: null,
      startedAt: at,
      updatedAt: at,
    })!;
    this.#announce(row);
    const controller = new AbortController();
    const entry: Running = {
      kind: spec.kind,
      spec,
      controller,
      stop: null,
      done: Promise.resolve(),
    };
    this.#running.set(row.id, entry);
    entry.done = this.#run(row, spec, entry).finally(() => {
      this.#running.delete(row.id);
      this.#schedulePump();
    });
  }

  async #run(row: JobRow, spec: JobSpec, entry: Running): Promise<void> {
    const interval = this.deps.progressIntervalMs ?? 100;
    const context: JobContext = {
      jobId: row.id,
      attempt: row.attempts,
      signal: entry.controller.signal,
      progress: progressThrottle(interval, (report) => {
        if (entry.stop) return;
        const percent = Math.max(0, Math.min(100, report.percent));
        this.deps.repository.updateProgress(row.id, percent);
        this.deps.events.emit('job.progress', {
          jobId: row.id,
          kind: spec.kind,
          assetId: assetOf(spec),
          stage: report.stage,
          percent,
          file: report.file,
        });
      }),
    };
    try {
      await this.#dispatch(spec, context);
      if (entry.stop === 'dispose') return;
      // Finished before the stop could take effect: the work is done, say so.
      this.#finish(row.id, { state: 'done', progress: 100, errorJson: null });
    } catch (thrown) {
      if (entry.stop) return; // pause/cancel already wrote the state; dispose leaves it
      const error = toDailiesError(thrown, this.deps.logger, `${spec.kind} job ${row.id}`);
      const decision = decideRetry(
        error,
        row.attempts,
        this.deps.retryPolicy,
        this.deps.random ?? Math.random,
        this.deps.now().getTime(),
      );
      if (decision.kind === 'retry') {
        const runAfter = new Date(this.deps.now().getTime() + decision.delayMs).toISOString();
        this.deps.logger.info('job will be retried', {
          jobId: row.id,
          attempt: row.attempts,
          delayMs: decision.delayMs,
          code: error.code,
        });
        const updated = this.deps.repository.update(row.id, {
          state: 'queued',
          runAfter,
          errorJson: JSON.stringify(error.toValue()),
          updatedAt: this.#nowIso(),
        });
        if (updated) this.#announce(updated);
        return;
      }
      const outcome = this.deps.onGiveUp?.(row.id, spec, error) ?? 'fail';
      if (outcome !== 'fail') {
        this.deps.logger.warn('job held', { jobId: row.id, kind: spec.kind, code: error.code });
        const paused = this.deps.repository.update(row.id, {
          state: 'paused',
          runAfter: null,
          errorJson: JSON.stringify(outcome.hold.toValue()),
          updatedAt: this.#nowIso(),
        });
        if (paused) this.#announce(paused);
        return;
      }
      this.deps.logger.warn('job failed', { jobId: row.id, kind: spec.kind, code: error.code });
      this.#finish(row.id, {
        state: 'failed',
        errorJson: JSON.stringify({
          ...error.toValue(),
          details: { ...error.details, attempts: row.attempts },
        }),
      });
    }
  }

  #dispatch(spec: JobSpec, context: JobContext): Promise<void> {
    switch (spec.kind) {
      case 'analyse':
        return this.deps.runners.analyse(spec, context);
      case 'sync':
        return this.deps.runners.sync(spec, context);
      default:
        return assertNever(spec, 'job kind');
    }
  }

  #finish(id: number, fields: Partial<JobRow>): void {
    const at = this.#nowIso();
    const row = this.deps.repository.update(id, { ...fields, updatedAt: at, finishedAt: at });
    if (row) this.#announce(row);
  }

  #announce(row: JobRow): void {
    const job = toJob(row);
    if (job) this.deps.events.emit('job.changed', job);
  }

  #nowIso(): string {
    return this.deps.now().toISOString();
  }
}

function assetOf(spec: JobSpec): number | null {
  switch (spec.kind) {
    case 'analyse':
    case 'sync':
      return spec.assetId;
    default:
      return assertNever(spec, 'job kind');
  }
}
