import { dailiesError } from '../../shared/contract';

/** Gives a taken slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  take: (release: ReleaseSlot) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * How many files may run their tools (ffprobe, ffmpeg) at once: the cores' share of the work,
 * apart from how many jobs are under way. An analysis holds a slot from its probe to its
 * stills' end, as a worker of a plain `xargs -P` loop would, and its own steps before and
 * after (the catalog's reads and writes, renames) run outside it: a core never idles through
 * them while another file waits, ready. Slots go first come, first served; the size is read
 * on every change, so a new setting applies to the next file.
 */
export class ToolSlots {
  readonly #size: () => number;
  readonly #waiting: Waiter[] = [];
  #taken = 0;

  constructor(size: () => number) {
    this.#size = size;
  }

  /** Slots in all (at least one). */
  get size(): number {
    return Math.max(1, Math.floor(this.#size()));
  }

  /** Tools running now. */
  get taken(): number {
    return this.#taken;
  }

  /**
   * A slot, once one is free. `onWait` hears when the caller has to wait (true) and when its
   * slot came after all (false), so a view can say so. Rejects with E_CANCELLED when `signal`
   * aborts first: a cancelled analysis stops waiting as it would stop its tool.
   */
  acquire(signal?: AbortSignal, onWait?: (waiting: boolean) => void): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.#waiting.length === 0 && this.#taken < this.size) return Promise.resolve(this.#take());
    onWait?.(true);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        take: (release) => {
          onWait?.(false);
          resolve(release);
        },
        signal,
        onAbort: () => {
          const index = this.#waiting.indexOf(waiter);
          if (index >= 0) this.#waiting.splice(index, 1);
          reject(cancelled());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiting.push(waiter);
      // The size may have grown since the last hand-out (a new setting).
      this.#handOut();
    });
  }

  #take(): ReleaseSlot {
    this.#taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#taken -= 1;
      this.#handOut();
    };
  }

  #handOut(): void {
    while (this.#waiting.length > 0 && this.#taken < this.size) {
      const waiter = this.#waiting.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.take(this.#take());
    }
  }
}

function cancelled() {
  return dailiesError('E_CANCELLED', 'Cancelled.');
}
