/** Lets timers, I/O and other calls run before the next piece of a long piece of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How many items the next slice of a long piece of work takes, so that each slice holds the
 * event loop for about `budgetMs`: the cost of an item varies (by row, by machine, by load),
 * a count does not. Starts at `first`, then follows the time the slices actually took.
 */
export class ChunkBudget {
  #size: number;
  readonly #budgetMs: number;
  readonly #min: number;
  readonly #max: number;

  constructor(options: { first: number; budgetMs?: number; min?: number; max?: number }) {
    this.#budgetMs = options.budgetMs ?? 20;
    this.#min = options.min ?? 8;
    this.#max = options.max ?? 2000;
    this.#size = Math.min(this.#max, Math.max(this.#min, options.first));
  }

  get size(): number {
    return this.#size;
  }

  /** Runs one slice of `items` items and sizes the next one by how long this one took. */
  measure<T>(items: number, work: () => T): T {
    const start = performance.now();
    const result = work();
    this.record(items, performance.now() - start);
    return result;
  }

  record(items: number, elapsedMs: number): void {
    if (items <= 0) return;
    const perItem = Math.max(elapsedMs, 0.01) / items;
    // At most double at a time: one quick slice (a cache, a pause of the neighbours) must not
    // make the next one long.
    const next = Math.min(this.#size * 2, Math.floor(this.#budgetMs / perItem));
    this.#size = Math.min(this.#max, Math.max(this.#min, next));
  }
}

/**
 * Runs `work` on consecutive slices of `items`, yielding to the event loop between slices so
 * every other call is answered meanwhile, and stopping between slices once `signal` aborts.
 * The first slice runs at once: a small set is done before the caller's next line, as when
 * it was one synchronous loop. `size` is a count per slice, or a ChunkBudget that sizes each
 * slice by time.
 */
export async function forEachChunk<T>(
  items: readonly T[],
  size: number | ChunkBudget,
  work: (chunk: T[], offset: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  let offset = 0;
  while (offset < items.length) {
    if (offset > 0) await yieldToEventLoop();
    signal?.throwIfAborted();
    const count = typeof size === 'number' ? size : size.size;
    const chunk = items.slice(offset, offset + count);
    if (typeof size === 'number') work(chunk, offset);
    else size.measure(chunk.length, () => work(chunk, offset));
    offset += chunk.length;
  }
}
