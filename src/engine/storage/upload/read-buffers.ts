const MiB = 1024 * 1024;

/** A buffer lent for one request's body; `release` once the store has taken every byte. */
export interface LentBuffer {
  bytes: Buffer;
  release(): void;
}

/**
 * Buffers that small files are read into, kept for the next file. A fresh ~1 MB buffer per
 * file lives outside V8's heap, and 200 of them make V8 run a full mark-compact every ~20
 * files to account for the external memory (a fifth of the uploader's CPU on a batch of
 * small files, bench/suites/upload.ts). Reused buffers allocate nothing per file.
 *
 * A buffer goes back only after its request succeeded: the store then has read the whole
 * body, so no socket write still refers to it. After a failure (an early 412, a reset) a
 * write may still be queued, so that buffer is left to the collector instead.
 */
export class ReadBuffers {
  readonly #free: Buffer[] = [];
  #freeBytes = 0;

  /** `keepBytes`: at most this much is kept between files (the rest is freed). */
  constructor(private readonly keepBytes = 32 * MiB) {}

  /** `size` bytes (a view of a pooled buffer, or of a new one rounded up to 1 MiB). */
  take(size: number): LentBuffer {
    const at = this.#free.findIndex((buffer) => buffer.length >= size);
    let whole: Buffer;
    if (at >= 0) {
      whole = this.#free.splice(at, 1)[0]!;
      this.#freeBytes -= whole.length;
    } else {
      whole = Buffer.allocUnsafeSlow(Math.max(MiB, Math.ceil(size / MiB) * MiB));
    }
    let lent = true;
    return {
      bytes: whole.subarray(0, size),
      release: () => {
        if (!lent) return;
        lent = false;
        if (this.#freeBytes + whole.length > this.keepBytes) return;
        this.#free.push(whole);
        this.#freeBytes += whole.length;
      },
    };
  }
}
