import type { IngestProblem, IngestProgress } from '../../shared/contract';
import { fsProblem } from './fs-problem';
import type { FileFacts, IngestRecorder, RecordResult } from './ingest-recorder';
import { displayPath } from './raw-path';
import type { SharedHashing } from './shared-hashing';
import { ChunkBudget } from '../time/chunks';
import { isoNow, type Clock } from '../time/clock';

/** Files looked up (known and unchanged?) per transaction, and recorded at most. */
export const GROUP_SIZE = 128;
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

type Hashed = { file: FileFacts; sha256: string };

/** What one batch's reader works with; the batch keeps the report and the progress. */
export interface StreamingReaderOptions {
  recorder: IngestRecorder;
  clock: Clock;
  /** Shared by every batch of the service, so two batches read a file once. */
  hashing: SharedHashing;
  /** See IngestServiceDeps.onRecorded. */
  onRecorded?: (assetIds: readonly number[]) => Promise<unknown>;
  signal: AbortSignal;
  restoreTrashed: boolean;
  /** The batch's progress: the reader counts bytes and files done into it. */
  progress: IngestProgress;
  emit: (force: boolean) => void;
  addProblem: (problem: IngestProblem) => void;
  /** Counts a recorded (or failed) file in the batch's report. */
  tally: (file: FileFacts, result: RecordResult | { error: unknown }) => void;
  /** The assets the batch added or changed so far: what analysis is to be told of. */
  recordedIds: () => readonly number[];
}

/**
 * One batch's streaming reader: reads the files that need hashing several at once, hashing
 * while reading, records them in groups in the order they were found, and hands what was
 * recorded on to analysis as it goes rather than once the whole batch is read.
 */
export class StreamingReader {
  // What was recorded goes on to analysis now, not once the whole batch is read.
  readonly #handedOn = new Set<number>();
  // One hand-over at a time, in order; a failure surfaces when the batch awaits the last.
  #handing: Promise<unknown> = Promise.resolve();
  #pending: Hashed[] = [];
  #pendingBytes = 0;
  #lastFlush: number;
  readonly #recordBudget = new ChunkBudget({
    first: GROUP_SIZE / 4,
    max: GROUP_SIZE,
    budgetMs: RECORD_STEP_MS,
  });

  constructor(private readonly options: StreamingReaderOptions) {
    this.#lastFlush = options.clock.now();
  }

  /** Tells analysis of the assets recorded since the last hand-over. */
  handOn(): void {
    const ids = this.options.recordedIds().filter((id) => !this.#handedOn.has(id));
    if (ids.length === 0) return;
    ids.forEach((id) => this.#handedOn.add(id));
    this.#handing = this.#handing.then(() => this.options.onRecorded?.(ids));
    this.#handing.catch(() => undefined);
  }

  /** Settles once every hand-over so far has; rejects if one failed. */
  handedOn(): Promise<unknown> {
    return this.#handing;
  }

  /**
   * Records what was read. `handOnNow` after a file that took a while to read: its analysis
   * starts while the rest is read. Thousands of tiny files are read in moments, and queueing
   * their analyses meanwhile would only slow the reading: they go on at the end.
   */
  flush(handOnNow: boolean): void {
    if (this.#pending.length === 0) return;
    const { recorder, clock, restoreTrashed, tally } = this.options;
    const results = this.#recordBudget.measure(this.#pending.length, () =>
      recorder.recordHashedMany(this.#pending, isoNow(clock), restoreTrashed),
    );
    this.#pending.forEach((item, index) => tally(item.file, results[index]!));
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#lastFlush = clock.now();
    if (handOnNow) this.handOn();
  }

  /** Reads a group's files, several at once, recording them in the order they were found. */
  async readAll(toHash: readonly FileFacts[]): Promise<void> {
    const { progress, emit, clock } = this.options;
    const read: Array<Hashed | null | undefined> = [];
    let next = 0;
    let released = 0;
    const reader = async () => {
      while (next < toHash.length) {
        const at = next++;
        read[at] = await this.#hashOne(toHash[at]!);
        // In order, so the first-named of two identical files names the asset, as before.
        while (released < toHash.length && read[released] !== undefined) {
          const entry = read[released++];
          if (entry) {
            this.#pending.push(entry);
            this.#pendingBytes += entry.file.sizeBytes;
          }
        }
        progress.filesDone += 1;
        emit(false);
        const large = this.#pendingBytes >= FLUSH_BYTES;
        if (
          large ||
          this.#pending.length >= this.#recordBudget.size ||
          clock.now() - this.#lastFlush >= FLUSH_INTERVAL_MS
        )
          this.flush(large);
      }
    };
    // Every reader settles before the batch goes on: a stop must not leave one still
    // pushing into the pending files after the last flush.
    const settled = await Promise.allSettled(Array.from({ length: HASH_CONCURRENCY }, reader));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async #hashOne(file: FileFacts): Promise<Hashed | null> {
    const { signal, progress, emit, hashing, addProblem } = this.options;
    signal.throwIfAborted();
    progress.currentPath = displayPath(file.path);
    try {
      const hashed = await hashing.hash(file, signal, (bytes) => {
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
  }
}
