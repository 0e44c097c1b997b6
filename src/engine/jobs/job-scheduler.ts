import { dailiesError, type JobKind, type JobSpec } from '../../shared/contract';
import type { JobRepository, JobRow } from '../catalog/repositories/job-repository';
import { parseSpec } from './job-mapper';
import type { Admit, JobKinds } from './job-kinds';
import type { RunningJob, StopReason } from './run-job';
import { isoNow, type Clock } from '../time/clock';

export interface JobSchedulerDeps {
  repository: JobRepository;
  kinds: JobKinds;
  clock: Clock;
  announce: (row: JobRow) => void;
  /** Runs a started job to its outcome (run-job.ts). */
  run: (row: JobRow, spec: JobSpec, running: RunningJob) => Promise<void>;
}

interface Running extends RunningJob {
  readonly kind: JobKind;
  done: Promise<void>;
}

/** Rows of refused jobs looked at per pass, at most: a long queue costs a few pages, not the table. */
const MAX_SCANNED = 2_000;
const PAGE = 100;

/**
 * Which job starts when: per kind, up to its concurrency, highest priority then oldest, due
 * (not waiting on a retry), and admitted by its kind's `admit`; a timer wakes it when the
 * earliest retry becomes due. Owns the running jobs, so it stops them too.
 */
export class JobScheduler {
  readonly #running = new Map<number, Running>();
  #timer: NodeJS.Timeout | null = null;
  #started = false;
  #disposed = false;
  #scheduled = false;

  constructor(private readonly deps: JobSchedulerDeps) {}

  start(): void {
    this.#started = true;
    this.#pump();
  }

  isRunning(jobId: number): boolean {
    return this.#running.has(jobId);
  }

  /** Look for work soon; many calls in one tick (an ingest of a folder) cost one pass. */
  wake(): void {
    if (this.#scheduled || !this.#started || this.#disposed) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  /** Aborts a running job; resolves once it has ended (its child process with it). */
  stop(jobId: number, reason: StopReason): Promise<void> {
    const entry = this.#running.get(jobId);
    if (!entry) return Promise.resolve();
    if (!entry.stop) {
      entry.stop = reason;
      entry.controller.abort();
    }
    return entry.done;
  }

  /** Stops every running job and waits for them; their rows stay `running`, as after a crash. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const running = [...this.#running.values()];
    for (const entry of running) {
      entry.stop = 'dispose';
      entry.controller.abort();
    }
    await Promise.allSettled(running.map((entry) => entry.done));
  }

  #pump(): void {
    if (!this.#started || this.#disposed) return;
    const nowIso = isoNow(this.deps.clock);
    for (const [kind, registered] of this.deps.kinds.registered()) {
      const limit = Math.max(1, registered.concurrency());
      if (registered.admit) this.#admitInOrder(kind, limit, nowIso, registered.admit);
      while (!registered.admit && this.#runningOf(kind) < limit) {
        const row = this.deps.repository.nextQueued(kind, nowIso);
        if (!row) break;
        this.#begin(row);
      }
    }
    this.#armRetryTimer(nowIso);
  }

  /**
   * Starts due jobs in order, skipping those `admit` refuses, up to the kind's limit. A page
   * holds as many rows as there are free places at first (one job ended: one row, not a
   * hundred), doubling up to 100 only while refused jobs fill them.
   */
  #admitInOrder(kind: JobKind, limit: number, nowIso: string, admit: Admit): void {
    let after: { priority: number; id: number } | null = null;
    let size = Math.min(PAGE, limit - this.#runningOf(kind));
    const refused: JobSpec[] = [];
    for (let scanned = 0; scanned < MAX_SCANNED && this.#runningOf(kind) < limit;) {
      const rows = this.deps.repository.queuedPage(kind, nowIso, after, size);
      scanned += rows.length;
      for (const row of rows) {
        if (this.#runningOf(kind) >= limit) return;
        const spec = parseSpec(row);
        const running = [...this.#running.values()].map((entry) => entry.spec);
        if (!spec || admit(spec, running, refused)) this.#begin(row);
        else refused.push(spec);
      }
      if (rows.length < size) return;
      const last = rows[rows.length - 1]!;
      after = { priority: last.priority, id: last.id };
      size = Math.min(PAGE, size * 2, MAX_SCANNED - scanned);
    }
  }

  #armRetryTimer(nowIso: string): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const next = this.deps.repository.earliestRunAfter(nowIso);
    if (next === null) return;
    const delay = Math.max(0, Date.parse(next) - this.deps.clock.now());
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
    const at = isoNow(this.deps.clock);
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
      if (failed) this.deps.announce(failed);
      return;
    }
    const row = this.deps.repository.markRunning(queued.id, queued.attempts + 1, at)!;
    this.deps.announce(row);
    const entry: Running = {
      kind: spec.kind,
      spec,
      controller: new AbortController(),
      stop: null,
      done: Promise.resolve(),
    };
    this.#running.set(row.id, entry);
    entry.done = this.deps.run(row, spec, entry).finally(() => {
      this.#running.delete(row.id);
      this.wake();
    });
  }
}
