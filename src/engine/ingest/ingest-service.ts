import { randomUUID } from 'node:crypto';
import {
  dailiesError,
  type IngestProblem,
  type IngestProgress,
  type IngestReport,
} from '../../shared/contract';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { fsProblem } from './fs-problem';
import type { FileFacts, IngestRecorder, RecordResult } from './ingest-recorder';
import { displayPath, pathKey } from './raw-path';
import { scanPaths } from './scanner';
import { SharedHashing } from './shared-hashing';
import { throttledProgress } from './throttled-progress';
import { ChunkBudget, yieldToEventLoop } from '../time/chunks';
import { isoNow, type Clock } from '../time/clock';

export interface IngestServiceDeps {
  recorder: IngestRecorder;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  videoExtensions: () => ReadonlySet<string>;
  /** How often progress events go out at most (the first and the last always do). */
  progressIntervalMs?: number;
  /**
   * Told of the assets a batch added or changed as each group of them is recorded, before
   * the rest of the batch is read (analysis queues what needs it). Calls are made one after
   * another; the batch answers once the last has settled.
   */
  onRecorded?: (assetIds: readonly number[]) => Promise<unknown>;
}

export interface AddPathsOptions {
  /** An explicit add brings trashed assets back; a watch folder does not. */
  restoreTrashed?: boolean;
  /**
   * Leave out files modified after this time (ms since the epoch) and hand them to
   * onUnsettled instead: a watch folder waits until such files stop growing.
   */
  settledBefore?: number;
  onUnsettled?: (file: string) => void;
}

/** The abort reason of a batch the editor stopped (any other abort is a shutdown). */
const CANCELLED = 'cancelled';
/** Problems listed in one report; the rest are counted in the log. */
const MAX_REPORTED_PROBLEMS = 1000;
/** Work between two yields to the event loop when no I/O is awaited. */
const YIELD_EVERY = 64;
/** Files looked up (known and unchanged?) per transaction, and recorded at most. */
const GROUP_SIZE = 128;
/**
 * How long recording hashed files may hold the event loop, about: fewer than GROUP_SIZE are
 * recorded per transaction where each costs more (a loaded machine, a big catalog's indexes).
 */
const RECORD_STEP_MS = 20;
/** Hashed files wait at most this long before they are recorded (and visible). */
const FLUSH_INTERVAL_MS = 250;
/**
 * Hashed bytes after which they are recorded at once: a file that took a while to read is
 * handed on to analysis straight away (a transaction costs far less than reading 8 MiB), so
 * the first clip is analysed while the last is still being read.
 */
const FLUSH_BYTES = 8 * 1024 * 1024;
/** Files read at once: two keep a disk busy while the other file's chunk is being hashed. */
const HASH_CONCURRENCY = 2;

/**
 * Ingest: scan, hash what is new or changed, record. Long batches yield to the event loop
 * and stream ingest.progress, so the API keeps answering while 10,000 files go in. Two
 * overlapping batches share the hashing of a file rather than reading it twice.
 */
export class IngestService {
  readonly #hashing = new SharedHashing();
  readonly #running = new Set<{
    batchId: string;
    controller: AbortController;
    done: Promise<unknown>;
  }>();
  #disposed = false;

  constructor(private readonly deps: IngestServiceDeps) {}

  async addPaths(paths: readonly string[], options: AddPathsOptions = {}): Promise<IngestReport> {
    if (this.#disposed) throw dailiesError('E_DISPOSED', 'Dailies is shutting down.');
    const controller = new AbortController();
    const batchId = randomUUID();
    const done = this.#run(batchId, paths, options, controller.signal);
    const entry = { batchId, controller, done };
    this.#running.add(entry);
    try {
      return await done;
    } catch (error) {
      // Stopped by cancel() or dispose(): say so, instead of a bare AbortError as E_INTERNAL.
      if (controller.signal.aborted) {
        throw dailiesError(
          'E_CANCELLED',
          (controller.signal.reason === CANCELLED
            ? 'Adding files was stopped.'
            : 'Adding files stopped because Dailies is shutting down.') +
            ' Files already read are in the library; add the folder again to finish the rest.',
          { retryable: true, details: { batchId } },
        );
      }
      throw error;
    } finally {
      this.#running.delete(entry);
    }
  }

  /**
   * The editor stops a batch (or every running one): it ends between two files, keeps what
   * it recorded (and queues its analysis), and its addPaths fails with E_CANCELLED.
   */
  cancel(batchId?: string): number {
    const chosen = [...this.#running].filter(
      (entry) => batchId === undefined || entry.batchId === batchId,
    );
    for (const { controller } of chosen) controller.abort(CANCELLED);
    return chosen.length;
  }

  /** Stops running batches between files and waits for them to wind down. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const running = [...this.#running];
    for (const { controller } of running) controller.abort();
    await Promise.allSettled(running.map((entry) => entry.done));
  }

  async #run(
    batchId: string,
    paths: readonly string[],
    options: AddPathsOptions,
    signal: AbortSignal,
  ) {
    const restoreTrashed = options.restoreTrashed ?? true;
    const report: IngestReport = {
      batchId,
      filesFound: 0,
      added: 0,
      duplicates: 0,
      unchanged: 0,
      changed: 0,
      restored: 0,
      skipped: 0,
      problems: [],
      assetIds: [],
    };
    let problemCount = 0;
    const addProblem = (problem: IngestProblem) => {
      problemCount += 1;
      if (report.problems.length < MAX_REPORTED_PROBLEMS) report.problems.push(problem);
    };
    const progress: IngestProgress = {
      batchId,
      phase: 'scanning',
      filesFound: 0,
      filesDone: 0,
      bytesTotal: 0,
      bytesDone: 0,
      problems: 0,
      currentPath: null,
    };
    const emit = throttledProgress(
      this.deps.events,
      this.deps.progressIntervalMs ?? 100,
      progress,
      () => problemCount,
      this.deps.clock,
    );
    emit(true);

    const files: FileFacts[] = [];
    const seenKeys = new Set<string>();
    let unsettled = 0;
    let sinceYield = 0;
    for await (const entry of scanPaths(paths, {
      videoExtensions: this.deps.videoExtensions(),
      signal,
    })) {
      if (
        entry.kind === 'file' &&
        options.settledBefore !== undefined &&
        entry.mtimeMs > options.settledBefore
      ) {
        unsettled += 1;
        options.onUnsettled?.(displayPath(entry.path));
      } else if (entry.kind === 'file') {
        // The same file named twice (a folder and a file in it) is taken once.
        const key = pathKey(entry.path);
        if (seenKeys.has(key)) continue;
        seenKeys.add(key);
        files.push(entry);
        progress.filesFound = files.length;
        progress.bytesTotal += entry.sizeBytes;
        progress.currentPath = displayPath(entry.path);
      } else if (entry.kind === 'skipped') {
        report.skipped += 1;
      } else {
        addProblem(entry.problem);
      }
      emit(false);
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    report.filesFound = files.length;
    if (files.length === 0 && unsettled === 0 && problemCount === 0) {
      addProblem({
        path: paths.join(', '),
        code: 'E_NOT_MEDIA',
        message: `No video files found (${report.skipped} other files skipped). Extra extensions can be added in Settings.`,
      });
    }

    progress.phase = 'hashing';
    emit(true);
    const touched = new Set<number>();
    const added: number[] = [];
    // Assets whose row or locations changed; an unchanged rescan announces nothing.
    const updated = new Set<number>();
    const tally = (file: FileFacts, result: RecordResult | { error: unknown }) => {
      if ('error' in result) {
        addProblem(fsProblem(displayPath(file.path), result.error));
        return;
      }
      this.#count(report, result);
      if (result.outcome !== 'unchanged' || result.restored) updated.add(result.assetId);
      if (touched.has(result.assetId)) return;
      touched.add(result.assetId);
      report.assetIds.push(result.assetId);
      if (result.outcome === 'added') added.push(result.assetId);
    };
    // What was recorded goes on to analysis now, not once the whole batch is read.
    const handedOn = new Set<number>();
    // One hand-over at a time, in order; a failure surfaces when the batch awaits the last.
    let handing: Promise<unknown> = Promise.resolve();
    const handOn = () => {
      const ids = [...added, ...updated].filter((id) => !handedOn.has(id));
      if (ids.length === 0) return;
      ids.forEach((id) => handedOn.add(id));
      handing = handing.then(() => this.deps.onRecorded?.(ids));
      handing.catch(() => undefined);
    };
    const recordBudget = new ChunkBudget({
      first: GROUP_SIZE / 4,
      max: GROUP_SIZE,
      budgetMs: RECORD_STEP_MS,
    });
    let pending: Array<{ file: FileFacts; sha256: string }> = [];
    let pendingBytes = 0;
    let lastFlush = this.deps.clock.now();
    /**
     * Records what was read. `handOnNow` after a file that took a while to read: its analysis
     * starts while the rest is read. Thousands of tiny files are read in moments, and queueing
     * their analyses meanwhile would only slow the reading: they go on at the end.
     */
    const flush = (handOnNow: boolean) => {
      if (pending.length === 0) return;
      const results = recordBudget.measure(pending.length, () =>
        this.deps.recorder.recordHashedMany(pending, isoNow(this.deps.clock), restoreTrashed),
      );
      pending.forEach((item, index) => tally(item.file, results[index]!));
      pending = [];
      pendingBytes = 0;
      lastFlush = this.deps.clock.now();
      if (handOnNow) handOn();
    };
    type Hashed = { file: FileFacts; sha256: string };
    const hashOne = async (file: FileFacts): Promise<Hashed | null> => {
      signal.throwIfAborted();
      progress.currentPath = displayPath(file.path);
      try {
        const hashed = await this.#hashing.hash(file, signal, (bytes) => {
          progress.bytesDone += bytes;
          emit(false);
        });
        return {
          file: { ...file, sizeBytes: hashed.sizeBytes, mtimeMs: hashed.mtimeMs },
          sha256: hashed.sha256,
        };
      } catch (error) {
        if (signal.aborted) throw error;
        addProblem(fsProblem(displayPath(file.path), error));
        return null;
      }
    };
    /** Reads a group's files, several at once, recording them in the order they were found. */
    const hashAll = async (toHash: readonly FileFacts[]) => {
      const read: Array<Hashed | null | undefined> = [];
      let next = 0;
      let released = 0;
      const reader = async () => {
        while (next < toHash.length) {
          const at = next++;
          read[at] = await hashOne(toHash[at]!);
          // In order, so the first-named of two identical files names the asset, as before.
          while (released < toHash.length && read[released] !== undefined) {
            const entry = read[released++];
            if (entry) {
              pending.push(entry);
              pendingBytes += entry.file.sizeBytes;
            }
          }
          progress.filesDone += 1;
          emit(false);
          const large = pendingBytes >= FLUSH_BYTES;
          if (
            large ||
            pending.length >= recordBudget.size ||
            this.deps.clock.now() - lastFlush >= FLUSH_INTERVAL_MS
          )
            flush(large);
        }
      };
      // Every reader settles before the batch goes on: a stop must not leave one still
      // pushing into `pending` after the last flush.
      const settled = await Promise.allSettled(Array.from({ length: HASH_CONCURRENCY }, reader));
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    };

    // A stopped batch keeps what it read: the files hashed so far are recorded and
    // announced like a finished batch's, then the stop is reported.
    let stopped: unknown = null;
    try {
      for (let start = 0; start < files.length; start += GROUP_SIZE) {
        signal.throwIfAborted();
        const group = files.slice(start, start + GROUP_SIZE);
        const quick = this.deps.recorder.recordUnchangedMany(
          group,
          isoNow(this.deps.clock),
          restoreTrashed,
        );
        const toHash: FileFacts[] = [];
        group.forEach((file, index) => {
          const result = quick[index];
          if (result) {
            tally(file, result);
            progress.filesDone += 1;
          } else {
            toHash.push(file);
          }
        });
        emit(false);
        await yieldToEventLoop();
        await hashAll(toHash);
      }
    } catch (error) {
      if (!signal.aborted) throw error;
      stopped = error;
    }
    flush(true);

    progress.phase = 'done';
    progress.currentPath = null;
    progress.bytesDone = progress.bytesTotal;
    emit(true);
    handOn();
    await handing;
    if (added.length > 0) this.deps.events.emit('assets.changed', { reason: 'added', ids: added });
    for (const id of added) updated.delete(id);
    if (updated.size > 0) {
      this.deps.events.emit('assets.changed', { reason: 'updated', ids: [...updated] });
    }
    if (problemCount > report.problems.length) {
      this.deps.logger.warn('ingest problems beyond the report limit', { batchId, problemCount });
    }
    this.deps.logger.info('ingest finished', {
      ...report,
      problems: problemCount,
      assetIds: report.assetIds.length,
    });
    if (stopped !== null) throw stopped;
    return report;
  }

  #count(report: IngestReport, result: RecordResult): void {
    if (result.outcome === 'added') report.added += 1;
    else if (result.outcome === 'duplicate') report.duplicates += 1;
    else if (result.outcome === 'changed') report.changed += 1;
    else report.unchanged += 1;
    if (result.restored) report.restored += 1;
  }
}
