import fs from 'node:fs';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import type { BandwidthLimiter } from './bandwidth-limiter';
import {
  BODY_CHUNK_BYTES as CHUNK_BYTES,
  FileRangeBody,
  fileEndedEarly,
  type BodyMetering,
  type FileRange,
} from './file-range-body';
import type { ReadBuffers } from './read-buffers';

/**
 * How a part's checksum gets ahead of its body (the header precedes the bytes it covers):
 * - 'reread' (default): one pass over the part's bytes on disk for the checksum, then a second
 *   pass that streams them to the store. Memory per part in flight is a few read chunks
 *   (1 MiB each, reused: file-range-body.ts) whatever the part size, so the bound holds for
 *   64 MiB parts and 10 parallel parts alike.
 *   The second read nearly always comes from the page cache (the first pass just read it).
 *   If the file changes between the passes the store sees bytes that do not match the
 *   checksum and refuses them (BadDigest): the checksum still covers exactly what was sent.
 * - 'buffer': reads the part once into memory, hashes it and sends that buffer. One read fewer
 *   but parts-in-flight x part size of memory (8 parts of 64 MiB = 512 MiB): the bound then
 *   depends on the file size, which is why it is not the default.
 * bench/suites/upload.ts measures both.
 */
export type PartBodyMode = 'reread' | 'buffer';

/** S3's x-amz-checksum-crc32 form: the big-endian CRC32 in base64. */
export function crc32Base64(crc: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc >>> 0);
  return bytes.toString('base64');
}

/**
 * The CRC32 (base64) of `length` bytes at `start`, read from disk in 1 MiB steps into one
 * buffer taken from `buffers` and given back: the checksum pass allocates nothing per chunk,
 * so it does not leave a file's worth of garbage buffers for the collector (peak RSS) and
 * each step is one ~0.5 ms zlib.crc32 call (event-loop lag).
 */
export async function checksumFileRange(
  range: FileRange,
  buffers: ReadBuffers,
  signal?: AbortSignal,
): Promise<string> {
  const { filePath, start, length } = range;
  let crc = 0;
  if (length === 0) return crc32Base64(crc);
  const lent = buffers.take(Math.min(CHUNK_BYTES, length));
  const buffer = lent.bytes;
  const handle = await fs.promises.open(filePath, 'r').catch((error: unknown) => {
    lent.release();
    throw error;
  });
  try {
    for (let offset = 0; offset < length;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(
        buffer,
        0,
        Math.min(buffer.length, length - offset),
        start + offset,
      );
      if (bytesRead === 0) throw fileEndedEarly();
      crc = zlib.crc32(buffer.subarray(0, bytesRead), crc);
      offset += bytesRead;
    }
  } finally {
    await handle.close();
    lent.release();
  }
  return crc32Base64(crc);
}

/**
 * A part read into memory with its checksum ('buffer' mode, and small files); into `target`
 * (exactly `length` bytes) when given, else a new buffer.
 */
export async function readPartIntoMemory(
  filePath: string,
  start: number,
  length: number,
  target?: Buffer,
): Promise<{ bytes: Buffer; checksum: string }> {
  const bytes = target ?? Buffer.allocUnsafe(length);
  const handle = await fs.promises.open(filePath, 'r');
  try {
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(
        bytes,
        offset,
        Math.min(CHUNK_BYTES, length - offset),
        start + offset,
      );
      if (bytesRead === 0) throw fileEndedEarly();
      offset += bytesRead;
    }
  } finally {
    await handle.close();
  }
  let crc = 0;
  for (let at = 0; at < length; at += CHUNK_BYTES)
    crc = zlib.crc32(bytes.subarray(at, at + CHUNK_BYTES), crc);
  return { bytes, checksum: crc32Base64(crc) };
}

/**
 * Passes chunks on once the shared limiter grants them and counts them as sent. Backpressure
 * does the rest: the HTTP request pulls, this waits, the file read waits.
 */
class MeteredStream extends Transform {
  constructor(
    private readonly limiter: BandwidthLimiter | undefined,
    private readonly onBytes: (bytes: number) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const send = () => {
      this.onBytes(chunk.length);
      done(null, chunk);
    };
    if (!this.limiter) send();
    else this.limiter.take(chunk.length, this.signal).then(send, (error: Error) => done(error));
  }
}

export interface PartBodyOptions extends BodyMetering {
  /** Where a range's read buffers come from and go back to. */
  buffers: ReadBuffers;
}

/** The body of one request: the range from disk, or a buffer, metered and rate-limited. */
export function partBody(
  source: FileRange | { bytes: Buffer },
  options: PartBodyOptions,
): Readable {
  if (!('bytes' in source)) return new FileRangeBody(source, options, options.buffers);
  const raw = Readable.from(chunksOf(source.bytes), { objectMode: false });
  const metered = new MeteredStream(options.limiter, options.onBytes, options.signal);
  // pipeline ends the buffer's chunks too when the request gives up on the body.
  pipeline(raw, metered, () => {});
  return metered;
}

/**
 * A request's body whose bytes count into the file's progress as they go, and what went:
 * a failed attempt takes exactly that back (`progress.retract(counted.sent())`).
 */
export function countedBody(
  source: FileRange | { bytes: Buffer },
  options: Omit<PartBodyOptions, 'onBytes'> & { progress: { add(bytes: number): void } },
): { body: Readable; sent(): number } {
  let sent = 0;
  const body = partBody(source, {
    ...options,
    onBytes: (bytes) => {
      sent += bytes;
      options.progress.add(bytes);
    },
  });
  return { body, sent: () => sent };
}

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}
