/** Lets timers, I/O and other calls run before the next piece of a long piece of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `work` on consecutive slices of `items`, yielding to the event loop between slices so
 * every other call is answered meanwhile, and stopping between slices once `signal` aborts.
 * The first slice runs at once: a small set is done before the caller's next line, as when
 * it was one synchronous loop.
 */
export async function forEachChunk<T>(
  items: readonly T[],
  size: number,
  work: (chunk: T[], offset: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (let offset = 0; offset < items.length; offset += size) {
    if (offset > 0) await yieldToEventLoop();
    signal?.throwIfAborted();
    work(items.slice(offset, offset + size), offset);
  }
}
