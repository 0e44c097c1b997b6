import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { BandwidthLimiter } from './bandwidth-limiter';
import type { LentBuffer, ReadBuffers } from './read-buffers';

/** Read size: big enough for few syscalls, small enough that a chunk never stalls the loop. */
export const BODY_CHUNK_BYTES = 1024 * 1024;

/** Chunks one body holds at most: being written or queued at the request, or being read. */
const CHUNKS_PER_BODY = 3;

export interface FileRange {
  filePath: string;
  start: number;
  length: number;
}

/**
 * What the body is piped into. Node's HTTP request is a legacy Stream, not a stream.Writable,
 * so this is the part of the Writable interface both share.
 */
interface Destination {
  write(chunk: Buffer, callback: (error?: Error | null) => void): boolean;
  end(): unknown;
  destroy(error?: Error): unknown;
  readonly destroyed: boolean;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

function isDestination(
  stream: NodeJS.WritableStream,
): stream is NodeJS.WritableStream & Destination {
  const candidate = stream as Partial<Destination>;
  return typeof candidate.destroy === 'function' && typeof candidate.destroyed === 'boolean';
}

/**
 * A read that found fewer bytes than the part needs: the file shrank since it was checked.
 * ENOENT, as the uploader's failure mapping reads a file gone from under it.
 */
export function fileEndedEarly(): Error {
  return Object.assign(new Error('The file ended early.'), { code: 'ENOENT' });
}

/** What every chunk passes on its way out: the shared rate limit, then the progress count. */
export interface BodyMetering {
  limiter?: BandwidthLimiter;
  onBytes: (bytes: number) => void;
  signal?: AbortSignal;
}

/**
 * A range of a file as a request body, read in 1 MiB chunks into a few buffers that are used
 * again and again.
 *
 * Why not fs.createReadStream: it allocates a fresh buffer for every chunk. For a 100 MB part
 * that is 100 MB of memory outside V8's heap, which V8 answers with a full mark-compact of
 * the engine's heap about every 64 MB, plus fresh pages the kernel has to fault in. Measured
 * on a 40 MB heap, streaming 400 MB cost 444 ms of CPU that way against 54 ms into one reused
 * buffer, a quarter of the engine's CPU in a whole job (bench/suites/job.ts).
 *
 * A buffer may be filled again only once the destination no longer holds it, and only a
 * Writable's write callback says so (it fires once the chunk is flushed to the socket). So
 * the buffers are reused when the body is piped into a writable stream, which is what the AWS
 * SDK does with a Readable body (it pipes it into its HTTP request). Any other reader gets a
 * fresh buffer per chunk, as from a file stream.
 */
export class FileRangeBody extends Readable {
  #sent = 0;
  #handle: Promise<fs.promises.FileHandle> | undefined;
  #piped = false;

  constructor(
    private readonly range: FileRange,
    private readonly metering: BodyMetering,
    private readonly buffers: ReadBuffers,
  ) {
    super({ highWaterMark: BODY_CHUNK_BYTES });
  }

  override _read(): void {
    if (this.#piped) {
      this.destroy(new Error('This body is already being written into a request.'));
      return;
    }
    const left = this.range.length - this.#sent;
    this.#nextChunk(Buffer.allocUnsafe(Math.min(BODY_CHUNK_BYTES, Math.max(left, 1)))).then(
      (chunk) => {
        if (chunk && !this.destroyed) this.metering.onBytes(chunk.length);
        this.push(chunk);
      },
      (error: Error) => this.destroy(error),
    );
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    if (!isDestination(destination) || this.#piped || this.readableFlowing !== null)
      return super.pipe(destination, options);
    this.#piped = true;
    void this.#writeInto(destination, options?.end !== false);
    return destination;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#closeFile().then(
      () => callback(error),
      () => callback(error),
    );
  }

  /**
   * The pipe: reads into the body's few buffers and writes them out, each buffer filled again
   * only after its write callback. Backpressure is the buffers themselves: with all of them
   * at the destination the loop waits for one to come back (a request reports itself full
   * after every 1 MiB write, so waiting for its 'drain' instead would leave one buffer in use
   * and no read overlapping the send). A read error fails the request with it; a destination
   * that closes (an abort, a reset, the store answering early) or a body destroyed by its
   * caller ends the loop.
   */
  async #writeInto(destination: Destination, end: boolean): Promise<void> {
    const idle: LentBuffer[] = [];
    let taken = 0;
    let finished = false;
    let released: (() => void) | undefined;
    const giveBack = (lent: LentBuffer) => {
      if (finished) {
        lent.release();
        return;
      }
      idle.push(lent);
      released?.();
    };
    const stopped = () => this.destroyed || destination.destroyed;
    let reading: LentBuffer | undefined;
    try {
      for (;;) {
        if (stopped()) return;
        reading = idle.pop();
        if (!reading && taken < CHUNKS_PER_BODY) {
          reading = this.buffers.take(BODY_CHUNK_BYTES);
          taken += 1;
        }
        if (!reading) {
          await untilReleased(this, destination, (wake) => (released = wake));
          released = undefined;
          continue;
        }
        const chunk = await this.#nextChunk(reading.bytes);
        if (chunk === null || stopped()) break;
        const inFlight = reading;
        reading = undefined;
        // Counted only now: a chunk read while the request was torn down was never sent,
        // and the part has already given back what it counted (progress.retract).
        this.metering.onBytes(chunk.length);
        destination.write(
          chunk,
          once(() => giveBack(inFlight)),
        );
      }
      if (end && !stopped()) destination.end();
    } catch (error) {
      destination.destroy(error instanceof Error ? error : new Error(String(error)));
    } finally {
      finished = true;
      // Buffers still at the destination come back through their callbacks; one that never
      // gets its callback (a request torn down mid-write) is left to the collector.
      if (reading) idle.push(reading);
      for (const lent of idle) lent.release();
      await this.#closeFile().catch(() => undefined);
    }
  }

  /** The next chunk read into `into`, once the limiter lets it go; null at the range's end. */
  async #nextChunk(into: Buffer): Promise<Buffer | null> {
    const left = this.range.length - this.#sent;
    if (left === 0) return null;
    this.metering.signal?.throwIfAborted();
    const handle = await (this.#handle ??= fs.promises.open(this.range.filePath, 'r'));
    const { bytesRead } = await handle.read(
      into,
      0,
      Math.min(into.length, left),
      this.range.start + this.#sent,
    );
    if (bytesRead === 0) throw fileEndedEarly();
    await this.metering.limiter?.take(bytesRead, this.metering.signal);
    this.#sent += bytesRead;
    return into.subarray(0, bytesRead);
  }

  async #closeFile(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await (await handle).close();
  }
}

/**
 * Resolves on `wake` (what `arm` hands it to), or when the destination or the body closes:
 * a stalled request a caller gave up on must not keep the loop waiting.
 */
function untilReleased(
  body: Readable,
  destination: Destination,
  arm: (wake: () => void) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const wake = () => {
      if (done) return;
      done = true;
      destination.off('close', wake);
      body.off('close', wake);
      resolve();
    };
    destination.once('close', wake);
    body.once('close', wake);
    arm(wake);
  });
}

/** `fn` run on the first call only (a write callback is called once, and this makes sure). */
function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}
