import type { BulkOperation, DailiesError, JobSelection, JobState } from '../../shared/contract';
import type { JobRepository, JobRow } from '../catalog/repositories/job-repository';
import type { Transact } from '../catalog/transact';
import type { StopReason } from './run-job';
import { yieldToEventLoop } from '../time/chunks';
import { isoNow, type Clock } from '../time/clock';

export interface JobCommandsDeps {
  repository: JobRepository;
  transact: Transact;
  clock: Clock;
  /** Tells the kind's domain and the hosts of a changed row. */
  announce: (row: JobRow) => void;
  /** Stops a running job; resolves once it (and its child process) has ended. */
  stop: (jobId: number, reason: StopReason) => Promise<void>;
  /** Something waiting may start now: schedule a pass. */
  wake: () => void;
  /**
   * How far a pause, resume, cancel or retry of many jobs is: after each chunk while there is
   * more (total unknown: jobs are found as it goes), and at the end with the total.
   */
  progress: (operation: BulkJobOperation, done: number, total: number | null) => void;
}

/** The job calls that report bulk.progress: pause, resume, cancel and retry. */
export type BulkJobOperation = Extract<BulkOperation, `jobs.${string}`>;

/** Jobs changed per transaction (pause, hold, resume, cancel, retry); calls run in between. */
const CHUNK = 250;

/** What the editor (and Dailies) does to jobs: pause, hold, resume, reorder, cancel, retry. */
export class JobCommands {
  constructor(private readonly deps: JobCommandsDeps) {}

  /**
   * The editor pauses. Resolves once the jobs it stopped have ended (their child processes
   * with them). A job Dailies held (see hold()) becomes the editor's: its hold error is
   * cleared, so nothing resumes it but the editor.
   */
  async pause(selection: JobSelection): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const changed = await this.#changeInChunks(
      selection,
      ['queued', 'running', 'paused'],
      (row) => {
        if (row.state === 'paused') return row.errorJson === null ? null : { errorJson: null };
        stopped.push(this.deps.stop(row.id, 'pause'));
        return { state: 'paused', runAfter: null, errorJson: null };
      },
      'jobs.pause',
    );
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
    const changed = await this.#changeInChunks(
      selection,
      ['queued', 'running'],
      (row) => {
        stopped.push(this.deps.stop(row.id, 'pause'));
        return { state: 'paused', runAfter: null, errorJson };
      },
      null,
    );
    await Promise.allSettled(stopped);
    return changed;
  }

  /** Each chunk's jobs are queued (and may start) before the next chunk is changed. */
  resume(selection: JobSelection): Promise<number> {
    return this.#changeInChunks(
      selection,
      ['paused'],
      () => ({ state: 'queued', runAfter: null }),
      'jobs.resume',
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
      const waiting = repository.findInStates(['queued', 'paused'], null);
      const byId = new Map(waiting.map((row) => [row.id, row]));
      const listed = [...new Set(ids)].filter((id) => byId.has(id));
      const chosen = new Set(listed);
      const others = waiting.filter((row) => !chosen.has(row.id));
      const floor = others.length > 0 ? Math.max(...others.map((row) => row.priority)) : 0;
      return listed
        .map((id, index) => ({ row: byId.get(id)!, priority: floor + listed.length - index }))
        .filter(({ row, priority }) => row.priority !== priority)
        .map(({ row, priority }) => repository.update(row.id, { priority, updatedAt: at }))
        .filter((row): row is JobRow => row !== undefined);
    });
    rows.forEach((row) => this.deps.announce(row));
    this.deps.wake();
    return rows.length;
  }

  /** Resolves once the running jobs it cancelled have ended (their processes killed). */
  async cancel(selection: JobSelection): Promise<number> {
    const stopped: Array<Promise<void>> = [];
    const changed = await this.#changeInChunks(
      selection,
      ['queued', 'running', 'paused'],
      (row) => {
        stopped.push(this.deps.stop(row.id, 'cancel'));
        return { state: 'cancelled', runAfter: null, finishedAt: this.#nowIso() };
      },
      'jobs.cancel',
    );
    await Promise.allSettled(stopped);
    return changed;
  }

  /** Like resume: a chunk of jobs queued again (with a fresh count of attempts) per step. */
  retry(selection: JobSelection): Promise<number> {
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
      'jobs.retry',
    );
  }

  #change(
    selection: JobSelection,
    from: readonly JobState[],
    /** The fields to change; null leaves the row alone. */
    to: (row: JobRow) => Partial<JobRow> | null,
  ): number {
    const { repository } = this.deps;
    const ids = 'ids' in selection ? selection.ids : null;
    const kind = 'all' in selection ? selection.kind : undefined;
    const at = this.#nowIso();
    const rows = this.deps.transact(() =>
      repository.findInStates(from, ids, kind).flatMap((row) => {
        const fields = to(row);
        if (fields === null) return [];
        const updated = repository.update(row.id, { ...fields, updatedAt: at });
        return updated ? [updated] : [];
      }),
    );
    rows.forEach((row) => this.deps.announce(row));
    return rows.length;
  }

  /**
   * #change a chunk at a time (by id), each chunk one transaction whose changed jobs are
   * announced before the event loop runs other calls; the first chunk runs at once, so a
   * small selection is changed before the caller's next line. What spans several chunks
   * reports bulk progress after each, the last report carrying the total.
   */
  async #changeInChunks(
    selection: JobSelection,
    from: readonly JobState[],
    to: (row: JobRow) => Partial<JobRow> | null,
    operation: BulkJobOperation | null,
  ): Promise<number> {
    const { repository } = this.deps;
    const ids = 'ids' in selection ? [...new Set(selection.ids)].sort((a, b) => a - b) : null;
    const kind = 'all' in selection ? selection.kind : undefined;
    // Resumed and retried jobs are queued: each chunk's may start while the next is changed.
    const queues = operation === 'jobs.resume' || operation === 'jobs.retry';
    let changed = 0;
    let afterId = 0;
    for (let offset = 0; ; offset += CHUNK) {
      if (offset > 0) await yieldToEventLoop();
      const found = ids
        ? ids.slice(offset, offset + CHUNK)
        : repository.findInStatesAfter(from, kind, afterId, CHUNK).map((row) => row.id);
      if (found.length > 0) {
        afterId = found.at(-1)!;
        changed += this.#change({ ids: found }, from, to);
      }
      if (queues) this.deps.wake();
      const more = found.length > 0 && (ids ? offset + CHUNK < ids.length : found.length === CHUNK);
      // Progress only for what spans several chunks.
      if (operation && (offset > 0 || more))
        this.deps.progress(operation, changed, more ? null : changed);
      if (!more) return changed;
    }
  }

  #nowIso(): string {
    return isoNow(this.deps.clock);
  }
}
