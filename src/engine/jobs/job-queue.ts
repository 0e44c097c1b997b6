import {
  dailiesError,
  type DailiesError,
  type Job,
  type JobKind,
  type JobSelection,
  type JobSpec,
  type JobState,
} from '../../shared/contract';
import type { JobFieldUpdate, JobRepository, JobRow } from '../catalog/repositories/job-repository';
import type { JobStateQueries } from '../catalog/repositories/job-state-queries';
import type { Transact } from '../catalog/transact';
import type { BulkRuns } from '../events/bulk-runs';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { RetryPolicy } from '../time/retry-policy';
import { JobCommands, type BulkJobCallOptions } from './job-commands';
import { JobKinds, type JobKindRegistration } from './job-kinds';
import { assetOf, toJob, toJobChanges } from './job-mapper';
import { JobReads } from './job-reads';
import { JobScheduler } from './job-scheduler';
import { runJob, type StopReason } from './run-job';
import { isoNow, type Clock } from '../time/clock';

/**
 * How long a pause or cancel waits for a stopped job to end before it answers anyway. A job
 * ends within moments of its stop (its tool killed, its request aborted); one that has not
 * after this long ignores its signal, and the editor's call must not wait on it for ever.
 */
const STOP_WAIT_MS = 10_000;

export interface JobQueueDeps {
  repository: JobRepository;
  /** Jobs by state, and the walk of the whole queue by id that pause / resume {all} take. */
  states: JobStateQueries;
  transact: Transact;
  /** Hosts hear of every changed job (job.changed) and of progress (job.progress). */
  events: EventBus;
  /** The editor's pause, resume, cancel and retry of many jobs run as bulk runs. */
  bulkRuns: BulkRuns;
  logger: Logger;
  clock: Clock;
  retryPolicy: RetryPolicy;
  progressIntervalMs?: number;
  /** How long a pause or cancel waits for a stopped job (STOP_WAIT_MS); tests shorten it. */
  stopWaitMs?: number;
}

/**
 * The durable queue: jobs live in the catalog, so a crash or a restart loses none (a job that
 * was running is queued again at start). Built first; each domain then registers its kind of
 * job (`register(kind, { runner, concurrency, admit?, onGiveUp?, onChange? })`). Rules:
 * per-kind concurrency, priority then age, retryable errors tried again with exponential
 * backoff up to the policy's bound, pause / resume / cancel / retry by id or all. Stopping a
 * running job aborts its signal, which kills its child process; dispose() waits until every
 * child is gone. The parts: reads (job-reads.ts), commands (job-commands.ts), scheduling
 * (job-scheduler.ts) and a run's outcome (run-job.ts).
 */
export class JobQueue {
  readonly #kinds = new JobKinds();
  readonly #reads: JobReads;
  readonly #commands: JobCommands;
  readonly #scheduler: JobScheduler;
  #started = false;
  #disposed = false;

  constructor(private readonly deps: JobQueueDeps) {
    const announce = (row: JobRow) => this.#announce(row);
    this.#reads = new JobReads(deps.repository, deps.states);
    this.#scheduler = new JobScheduler({
      repository: deps.repository,
      kinds: this.#kinds,
      clock: deps.clock,
      announce,
      run: (row, spec, running) =>
        runJob(
          {
            repository: deps.repository,
            kinds: this.#kinds,
            events: deps.events,
            logger: deps.logger,
            clock: deps.clock,
            retryPolicy: deps.retryPolicy,
            progressIntervalMs: deps.progressIntervalMs,
            announce,
          },
          row,
          spec,
          running,
        ),
    });
    this.#commands = new JobCommands({
      repository: deps.repository,
      states: deps.states,
      transact: deps.transact,
      clock: deps.clock,
      announce: (rows, fields) => this.#announceAlike(rows, fields),
      stop: (jobId, reason) => this.#stopWithin(jobId, reason),
      isRunning: (jobId) => this.#scheduler.isRunning(jobId),
      wake: () => this.#scheduler.wake(),
      bulkRuns: deps.bulkRuns,
    });
  }

  /**
   * Stops a running job and resolves once it ended, or after STOP_WAIT_MS with a warning. Its
   * slot stays taken until it really ends: a second run of the same job must not start while
   * the first may still be writing.
   */
  async #stopWithin(jobId: number, reason: StopReason): Promise<void> {
    const waitMs = this.deps.stopWaitMs ?? STOP_WAIT_MS;
    // A timer of its own, not the clock's sleep: a test that drives the clock (and counts who
    // sleeps on it) must not find this patience among the engine's waits.
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      this.#scheduler.stop(jobId, reason).then(
        () => 'ended' as const,
        () => 'ended' as const,
      ),
      new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), waitMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'late')
      this.deps.logger.warn('a stopped job has not ended; its slot stays taken until it does', {
        jobId,
        reason,
        waitedMs: waitMs,
      });
  }

  /** A domain's kind of job: its runner and hooks. Jobs of a kind with none wait. */
  register<K extends JobKind>(kind: K, registration: JobKindRegistration<K>): void {
    this.#kinds.register(kind, registration);
    this.#scheduler.wake();
  }

  /** Re-queues what a previous run left running, then starts work. */
  start(): void {
    if (this.#started || this.#disposed) return;
    this.#started = true;
    const requeued = this.deps.repository.requeueRunning(isoNow(this.deps.clock));
    if (requeued.length > 0) {
      this.deps.logger.info('jobs re-queued after restart', { ids: requeued.map((r) => r.id) });
      requeued.forEach((row) => this.#announce(row));
    }
    this.#scheduler.start();
  }

  enqueue(spec: JobSpec, priority = 0): Job {
    if (this.#disposed) throw dailiesError('E_DISPOSED', 'Dailies is shutting down.');
    const row = this.deps.repository.insert({
      kind: spec.kind,
      specJson: JSON.stringify(spec),
      assetId: assetOf(spec),
      priority,
      at: isoNow(this.deps.clock),
    });
    this.#announce(row);
    this.#scheduler.wake();
    return toJob(row)!;
  }

  /**
   * Many jobs in one statement and one transaction: each is announced as enqueue() would,
   * the scheduler woken once. Callers with thousands of jobs pass them a chunk at a time.
   */
  enqueueMany(specs: readonly JobSpec[], priority = 0): Job[] {
    if (this.#disposed) throw dailiesError('E_DISPOSED', 'Dailies is shutting down.');
    if (specs.length === 0) return [];
    const at = isoNow(this.deps.clock);
    const rows = this.deps.transact(() =>
      this.deps.repository.insertMany(
        specs.map((spec) => ({
          kind: spec.kind,
          specJson: JSON.stringify(spec),
          assetId: assetOf(spec),
          priority,
        })),
        at,
      ),
    );
    rows.forEach((row) => this.#announce(row));
    this.#scheduler.wake();
    return rows.flatMap((row) => toJob(row) ?? []);
  }

  activeForAsset(kind: JobKind, assetId: number): Job[] {
    return this.#reads.activeForAsset(kind, assetId);
  }

  latestForAssets(kind: JobKind, assetIds: readonly number[]): Map<number, Job> {
    return this.#reads.latestForAssets(kind, assetIds);
  }

  inStates(kind: JobKind, states: readonly JobState[]): Job[] {
    return this.#reads.inStates(kind, states);
  }

  latestStateCounts(kind: JobKind): Map<JobState, number> {
    return this.#reads.latestStateCounts(kind);
  }

  list(filter: { state?: JobState; kind?: JobKind; limit: number }): Job[] {
    return this.#reads.list(filter);
  }

  isRunning(jobId: number): boolean {
    return this.#scheduler.isRunning(jobId);
  }

  pause(selection: JobSelection, options?: BulkJobCallOptions): Promise<number> {
    return this.#commands.pause(selection, options);
  }

  hold(selection: JobSelection, reason: DailiesError): Promise<number> {
    return this.#commands.hold(selection, reason);
  }

  resume(selection: JobSelection, options?: BulkJobCallOptions): Promise<number> {
    return this.#commands.resume(selection, options);
  }

  reorder(ids: readonly number[]): number {
    return this.#commands.reorder(ids);
  }

  cancel(selection: JobSelection, options?: BulkJobCallOptions): Promise<number> {
    return this.#commands.cancel(selection, options);
  }

  retry(selection: JobSelection, options?: BulkJobCallOptions): Promise<number> {
    return this.#commands.retry(selection, options);
  }

  /** Something that decides scheduling changed (a setting): look for work again. */
  poke(): void {
    this.#scheduler.wake();
  }

  /**
   * Stops every running job and waits for it (and its child process) to end. Their rows stay
   * `running`, exactly as after a crash, so the next start queues them again.
   */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#scheduler.dispose();
  }

  /** The kind's domain first (sync follows its jobs into the asset's status), then hosts. */
  #announce(row: JobRow): void {
    const job = this.#tellKind(row);
    if (job) this.deps.events.emit('job.changed', job);
  }

  /**
   * Jobs one step changed alike (`fields` written on each): each kind's domain hears of
   * every job, as from #announce; the hosts get one jobs.changed per kind, its ids and only
   * the fields written, instead of every whole job (75 MB for a pause and a cancel of
   * 110,000). A single job is announced whole, as any other change.
   */
  #announceAlike(rows: readonly JobRow[], fields: JobFieldUpdate & { updatedAt: string }): void {
    if (rows.length === 1) return this.#announce(rows[0]!);
    const byKind = new Map<JobKind, { ids: number[]; assetIds: number[] }>();
    for (const row of rows) {
      const job = this.#tellKind(row);
      if (!job) continue;
      const listed = byKind.get(job.kind) ?? { ids: [], assetIds: [] };
      listed.ids.push(job.id);
      listed.assetIds.push(job.spec.assetId);
      byKind.set(job.kind, listed);
    }
    if (byKind.size === 0) return;
    const changes = toJobChanges(fields);
    for (const [kind, { ids, assetIds }] of byKind)
      this.deps.events.emit('jobs.changed', { kind, ids, assetIds, changes });
  }

  /** The job as the contract has it, after its kind's domain heard of the change. */
  #tellKind(row: JobRow): Job | null {
    const job = toJob(row);
    if (!job) return null;
    try {
      this.#kinds.changed(job);
    } catch (thrown) {
      // As a listener on the bus was: a broken hook must not stop the queue.
      this.deps.logger.warn('a job change hook failed', { jobId: job.id, error: String(thrown) });
    }
    return job;
  }
}
