import type { FileFacts } from './ingest-recorder';
import { hashFile, type HashResult } from './hasher';
import { pathKey } from './raw-path';

/**
 * One read per file even when two batches want it at once (a folder added twice, a watch
 * folder's rescan meeting an explicit add): the second waits for the first's hash.
 */
export class SharedHashing {
  readonly #hashing = new Map<string, Promise<HashResult>>();

  hash(
    file: FileFacts,
    signal: AbortSignal,
    onBytes: (bytes: number) => void,
  ): Promise<HashResult> {
    const key = pathKey(file.path);
    const pending = this.#hashing.get(key);
    if (pending) return pending;
    let last = 0;
    const promise = hashFile(file.path, {
      signal,
      onProgress: (total) => {
        onBytes(total - last);
        last = total;
      },
    }).finally(() => this.#hashing.delete(key));
    this.#hashing.set(key, promise);
    return promise;
  }
}
