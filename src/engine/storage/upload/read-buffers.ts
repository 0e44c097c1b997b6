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
    // The smallest that fits: a part's 1 MiB chunk does not take a small file's 4 MiB buffer.
    let at = -1;
    this.#free.forEach((buffer, index) => {
      if (buffer.length >= size && (at < 0 || buffer.length < this.#free[at]!.length)) at = index;
    });
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
        // At the bound, a larger buffer displaces smaller ones: 1 MiB chunks are cheap to
        // replace, and otherwise parts that filled the pool would leave no room for a small
        // file's 2-4 MiB buffer, which would then be allocated for every such file.
        if (whole.length > this.keepBytes) return;
        this.#free.sort((a, b) => a.length - b.length);
        while (
          this.#freeBytes + whole.length > this.keepBytes &&
          this.#free.length > 0 &&
          this.#free[0]!.length < whole.length
        )
          this.#freeBytes -= this.#free.shift()!.length;
        if (this.#freeBytes + whole.length > this.keepBytes) return;
        this.#free.push(whole);
        this.#freeBytes += whole.length;
      },
    };
  }
}
