import type { BulkOperation, DailiesError, JobSelection, JobState } from '../../shared/contract';
import type { JobFieldUpdate, JobRepository, JobRow } from '../catalog/repositories/job-repository';
import type { JobStateQueries } from '../catalog/repositories/job-state-queries';
import type { Transact } from '../catalog/transact';
import { formatCount, type BulkRuns } from '../events/bulk-runs';
import type { StopReason } from './run-job';
import { ChunkBudget, yieldToEventLoop } from '../time/chunks';
import { isoNow, type Clock } from '../time/clock';

export interface JobCommandsDeps {
  repository: JobRepository;
  states: JobStateQueries;
  transact: Transact;
  clock: Clock;
  /**
   * Tells the kinds' domains and the hosts of rows changed alike (`fields` written on each;
   * the hosts get one jobs.changed per kind, or job.changed for a single row).
   */
  announce: (rows: readonly JobRow[], fields: JobFieldUpdate & { updatedAt: string }) => void;
  /**
   * Stops a running job; resolves once it (and its child process) has ended, or once the
   * queue stopped waiting for one that ignores its signal (job-queue.ts, STOP_WAIT_MS).
   */
  stop: (jobId: number, reason: StopReason) => Promise<void>;
  /** Whether a job is running in this process now (only those have something to stop). */
  isRunning: (jobId: number) => boolean;
  /** Something waiting may start now: schedule a pass. */
  wake: () => void;
  /**
   * The editor's pause, resume, cancel or retry of many jobs runs as one of these: it reports
   * how far it is after each chunk while there is more (total unknown: jobs are found as it
   * goes) and at the end with the total, and bulk.cancel stops it between two chunks.
   */
  bulkRuns: Pick<BulkRuns, 'start'>;
}

/** The job calls that report bulk.progress: pause, resume, cancel and retry. */
export type BulkJobOperation = Extract<BulkOperation, `jobs.${string}`>;

/**
 * Whether a pause, resume, cancel or retry reports how far it is (bulk.progress). Only the
 * editor's jobs.* calls ask: Dailies releasing held uploads or cancelling a removed asset's
 * syncs must not light the window's "Resuming jobs…" strip.
 */
export interface BulkJobCallOptions {
  reportProgress?: boolean;
}

/**
 * Pause, hold, resume, cancel and retry change jobs a chunk per transaction, other calls
 * running in between; each chunk takes about this long (its jobs' announcements included).
 */
const CHUNK_BUDGET_MS = 20;
/** The first chunk's size; later ones follow the time a chunk took. */
const FIRST_CHUNK = 250;
/** Job ids read (by key) per chunk at most, however few of them are in the states sought. */
const ID_WINDOW = 8192;
/** The states reorder works on: the jobs that have not started. */
const WAITING: readonly JobState[] = ['queued', 'paused'];

/** What the editor (and Dailies) does to jobs: pause, hold, resume, reorder, cancel, retry. */
export class JobCommands {
  constructor(private readonly deps: JobCommandsDeps) {}

  /**
   * The editor pauses. Resolves once the jobs it stopped have ended (their child processes
   * with them). A job Dailies held (see hold()) becomes the editor's: its hold error is
   * cleared, so nothing resumes it but the editor.
   */
  async pause(selection: JobSelection, options: BulkJobCallOptions = {}): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const changed = await this.#changeInChunks(
      selection,
      ['queued', 'running', 'paused'],
      (row) => {
        if (row.state === 'paused') return row.errorJson === null ? null : { errorJson: null };
        this.#stopIfRunning(row.id, 'pause', stopped);
        return { state: 'paused', runAfter: null, errorJson: null };
      },
      { queues: false, report: reportAs('jobs.pause', options) },
    ).finally(() => Promise.allSettled(stopped));
    return changed;
  }

  /**
   * Dailies pauses (a hold): like pause, but `reason` is stored as the job's error, which is
   * how a hold is told from an editor's pause, also after a restart.
   */
  async hold(selection: JobSelection, reason: DailiesError): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const errorJson = JSON.stringify(reason.toValue());
    const changed = await this.#changeInChunks(
      selection,
      ['queued', 'running'],
      (row) => {
        this.#stopIfRunning(row.id, 'pause', stopped);
        return { state: 'paused', runAfter: null, errorJson };
      },
      { queues: false, report: null },
    );
    await Promise.allSettled(stopped);
    return changed;
  }

  /** Each chunk's jobs are queued (and may start) before the next chunk is changed. */
  resume(selection: JobSelection, options: BulkJobCallOptions = {}): Promise<number> {
    return this.#changeInChunks(
      selection,
      ['paused'],
      () => ({ state: 'queued', runAfter: null }),
      { queues: true, report: reportAs('jobs.resume', options) },
    );
  }

  /**
   * The listed waiting (queued or paused) jobs run first, in the listed order; the other
   * waiting jobs keep their order after them. Done by rewriting priorities (the listed jobs
   * go above every other waiting job), so the order survives a restart and a job queued later
   * with a higher priority still goes ahead. Running and finished jobs are left alone.
   */
  reorder(ids: readonly number[]): number {
    const { repository } = this.deps;
    const at = this.#nowIso();
    const rows = this.deps.transact(() => {
      // Only the listed jobs are read, and the highest priority of the others is one seek
      // per state: with 110,000 waiting, reading them all took seconds (and spreading their
      // priorities into Math.max threw a RangeError).
      const listed = [...new Set(ids)];
      const byId = new Map(
        this.deps.states.findInStates(WAITING, listed).map((row) => [row.id, row]),
      );
      const chosen = listed.filter((id) => byId.has(id));
      const floor = this.deps.states.highestPriorityExcept(WAITING, chosen) ?? 0;
      return chosen
        .map((id, index) => ({ row: byId.get(id)!, priority: floor + chosen.length - index }))
        .filter(({ row, priority }) => row.priority !== priority)
        .map(({ row, priority }) => repository.update(row.id, { priority, updatedAt: at }))
        .filter((row): row is JobRow => row !== undefined);
    });
    // Each job gets a priority of its own: announced one by one (whole, job.changed).
    rows.forEach((row) => this.deps.announce([row], { updatedAt: at }));
    this.deps.wake();
    return rows.length;
  }

  /**
   * Resolves once the running jobs it cancelled have ended (their processes killed), or the
   * queue stopped waiting for one that ignores its signal.
   */
  async cancel(selection: JobSelection, options: BulkJobCallOptions = {}): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const changed = await this.#changeInChunks(
      selection,
      ['queued', 'running', 'paused'],
      (row, at) => {
        this.#stopIfRunning(row.id, 'cancel', stopped);
        return { state: 'cancelled', runAfter: null, finishedAt: at };
      },
      { queues: false, report: reportAs('jobs.cancel', options) },
    ).finally(() => Promise.allSettled(stopped));
    return changed;
  }

  /** Like resume: a chunk of jobs queued again (with a fresh count of attempts) per step. */
  retry(selection: JobSelection, options: BulkJobCallOptions = {}): Promise<number> {
    return this.#changeInChunks(
      selection,
      ['failed', 'cancelled'],
      () => ({
        state: 'queued',
        attempts: 0,
        progress: 0,
        errorJson: null,
        runAfter: null,
        finishedAt: null,
      }),
      { queues: true, report: reportAs('jobs.retry', options) },
    );
  }

  #change(
    selection: JobSelection,
    from: readonly JobState[],
    /** The fields to change (`at` is the change's time); null leaves the row alone. */
    to: (row: JobRow, at: string) => Partial<JobRow> | null,
  ): number {
    const { repository } = this.deps;
    const ids = 'ids' in selection ? selection.ids : null;
    const kind = 'all' in selection ? selection.kind : undefined;
    const at = this.#nowIso();
    const changed = this.deps.transact(() => {
      // Rows that get the same fields are changed in one statement: a pause of thousands is
      // a few statements per chunk, not one per job.
      const groups = new Map<string, { fields: Partial<JobRow>; ids: number[] }>();
      for (const row of this.deps.states.findInStates(from, ids, kind)) {
        const fields = to(row, at);
        if (fields === null) continue;
        const key = JSON.stringify(fields);
        const group = groups.get(key) ?? { fields, ids: [] };
        group.ids.push(row.id);
        groups.set(key, group);
      }
      return [...groups.values()].map((group) => {
        const fields = { ...group.fields, updatedAt: at };
        const rows = repository.updateMany(group.ids, fields).sort((a, b) => a.id - b.id);
        return { rows, fields };
      });
    });
    // Announced a group at a time: its jobs changed alike (one jobs.changed per kind).
    changed.forEach(({ rows, fields }) => this.deps.announce(rows, fields));
    return changed.reduce((count, { rows }) => count + rows.length, 0);
  }

  /**
   * #change a chunk at a time (by id), each chunk one transaction whose changed jobs are
   * announced before the event loop runs other calls; the first chunk runs at once, so a
   * small selection is changed before the caller's next line. Chunks are sized by the time
   * they take (ChunkBudget), and {all} walks the jobs by id a window at a time, so no chunk
   * reads or sorts the whole queue. A call that changes jobs over several chunks reports bulk
   * progress (`report`) after each, the last report carrying the total, also when a chunk
   * fails; one that changes nothing reports nothing. A reported call stops between two chunks
   * when bulk.cancel asks: the chunks done stay done, and it fails with E_CANCELLED.
   */
  async #changeInChunks(
    selection: JobSelection,
    from: readonly JobState[],
    to: (row: JobRow, at: string) => Partial<JobRow> | null,
    /** `queues`: the changed jobs are queued, so each chunk's may start meanwhile. */
    how: { queues: boolean; report: BulkJobOperation | null },
  ): Promise<number> {
    const { states } = this.deps;
    const { report } = how;
    const ids = 'ids' in selection ? [...new Set(selection.ids)].sort((a, b) => a - b) : null;
    const kind = 'all' in selection ? selection.kind : undefined;
    const run = report ? this.deps.bulkRuns.start(report) : null;
    const step = { first: FIRST_CHUNK, budgetMs: CHUNK_BUDGET_MS };
    const budget = run ? new ChunkBudget(run.steps(step)) : new ChunkBudget(step);
    let changed = 0;
    let chunks = 0;
    let offset = 0;
    let afterId = 0;
    try {
      for (;;) {
        if (chunks > 0) await yieldToEventLoop();
        if (run?.stopRequested && report)
          throw run.stopped(stoppedMessage(report, changed), changed, null);
        chunks += 1;
        const start = performance.now();
        let found: number[];
        let more: boolean;
        if (ids) {
          found = ids.slice(offset, offset + budget.size);
          offset += found.length;
          more = offset < ids.length;
        } else {
          const size = budget.size;
          found = states
            .findInStatesAfter(from, kind, afterId, size, ID_WINDOW)
            .map((row) => row.id);
          // A full page ends at its last job; otherwise the whole window was read. Jobs queued
          // meanwhile (higher ids) are still reached, as the end is looked up again each time.
          afterId = found.length === size ? found.at(-1)! : afterId + ID_WINDOW;
          more = afterId < states.lastId();
        }
        if (found.length > 0) {
          changed += this.#change({ ids: found }, from, to);
          budget.record(found.length, performance.now() - start);
        }
        if (how.queues) this.deps.wake();
        if (changed > 0 && (chunks > 1 || more)) run?.step(changed, more ? null : changed);
        if (!more) return changed;
      }
    } finally {
      run?.end();
    }
  }

  /**
   * Waits only for what runs: a pause of 110,000 queued jobs would otherwise settle 110,000
   * promises in one go at the end, holding the event loop for a second.
   */
  #stopIfRunning(jobId: number, reason: StopReason, stopped: Array<Promise<void>>): void {
    if (this.deps.isRunning(jobId)) stopped.push(this.deps.stop(jobId, reason));
  }

  #nowIso(): string {
    return isoNow(this.deps.clock);
  }
}

/** The operation a call reports its progress as, or null when it was not asked to. */
function reportAs(
  operation: BulkJobOperation,
  options: BulkJobCallOptions,
): BulkJobOperation | null {
  return options.reportProgress ? operation : null;
}

const stoppedVerb: Record<BulkJobOperation, string> = {
  'jobs.pause': 'paused',
  'jobs.resume': 'resumed',
  'jobs.cancel': 'cancelled',
  'jobs.retry': 'queued again',
};

/** What a stopped pause, resume, cancel or retry says it got through. */
function stoppedMessage(operation: BulkJobOperation, changed: number): string {
  const verb = stoppedVerb[operation];
  return `Stopped: ${formatCount(changed)} job${changed === 1 ? '' : 's'} ${verb}; the others were left as they were.`;
}
