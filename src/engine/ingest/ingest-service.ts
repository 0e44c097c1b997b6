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
import { GROUP_SIZE, StreamingReader } from './streaming-reader';
import { throttledProgress } from './throttled-progress';
import { yieldToEventLoop } from '../time/chunks';
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

/**
 * Ingest: scan, hash what is new or changed, record. Long batches yield to the event loop
 * and stream ingest.progress, so the API keeps answering while 10,000 files go in. Two
 * overlapping batches share the hashing of a file rather than reading it twice. Each batch
 * keeps its report here; its reading, recording and hand-over to analysis is a StreamingReader.
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
    const reader = new StreamingReader({
      recorder: this.deps.recorder,
      clock: this.deps.clock,
      hashing: this.#hashing,
      onRecorded: this.deps.onRecorded,
      signal,
      restoreTrashed,
      progress,
      emit,
      addProblem,
      tally,
      recordedIds: () => [...added, ...updated],
    });

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
        await reader.readAll(toHash);
      }
    } catch (error) {
      if (!signal.aborted) throw error;
      stopped = error;
    }
    reader.flush(true);

    progress.phase = 'done';
    progress.currentPath = null;
    progress.bytesDone = progress.bytesTotal;
    emit(true);
    reader.handOn();
    await reader.handedOn();
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
