import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { dailiesError } from '../../shared/contract';
import { notRegularFile } from './fs-problem';
import type { RawPath } from './raw-path';

export const HASH_CHUNK_BYTES = 1024 * 1024;

export interface HashOptions {
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /**
   * Sees every chunk as it is hashed, so a later step can share the single read. The buffer
   * is reused for the next chunk: copy it to keep it.
   */
  onChunk?: (chunk: Buffer) => void;
}

export interface HashResult {
  sha256: string;
  sizeBytes: number;
  mtimeMs: number;
}

// O_NONBLOCK: if a pipe is swapped in after the scan, open() must not wait for a writer.
const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The file's sha256 in one streamed pass. A file whose size or mtime moves while it is read
 * (still being copied) is refused with E_FILE_CHANGED rather than hashed half-written.
 */
export async function hashFile(file: RawPath, options: HashOptions = {}): Promise<HashResult> {
  const handle = await fs.promises.open(file, openFlags);
  try {
    const before = await handle.stat();
    if (!before.isFile()) throw notRegularFile();
    const hash = createHash('sha256');
    // Small files get a small buffer: a fresh 1 MiB per file would keep the GC busy on a
    // folder of 10,000 short clips. +1 so a file that fits ends with a single read.
    const buffer = Buffer.allocUnsafe(Math.min(HASH_CHUNK_BYTES, before.size + 1));
    let total = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      hash.update(chunk);
      options.onChunk?.(chunk);
      total += bytesRead;
      options.onProgress?.(total);
    }
    const after = await handle.stat();
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || total !== after.size) {
      throw dailiesError(
        'E_FILE_CHANGED',
        'The file changed while Dailies was reading it: it may still be copying. Add it again once the copy has finished.',
        { retryable: true },
      );
    }
    await requireStillThere(file, after);
    return { sha256: hash.digest('hex'), sizeBytes: total, mtimeMs: after.mtimeMs };
  } finally {
    await handle.close();
  }
}

/**
 * An open file can still be read after it is deleted, so a clean read proves nothing: the
 * name must still lead to the same file, or the catalog would gain an asset with no file.
 */
async function requireStillThere(file: RawPath, read: fs.Stats): Promise<void> {
  const now = await fs.promises.stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (now !== null && (now.ino !== read.ino || now.dev !== read.dev)) {
    throw dailiesError(
      'E_FILE_CHANGED',
      'The file was replaced while Dailies was reading it. Add it again once the copy has finished.',
      { retryable: true },
    );
  }
  if (now === null || read.nlink === 0) {
    throw dailiesError(
      'E_FILE_MISSING',
      'The file was deleted while Dailies was reading it, so it was not added.',
    );
  }
}
