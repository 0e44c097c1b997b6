import { dailiesError } from '../../../shared/contract/errors';

/**
 * Runs `work` over `items`, `concurrency` at a time. The first failure aborts the rest (their
 * requests are cancelled) and is the error thrown, unless it was only the caller's cancel.
 */
export async function runParts<T>(
  items: readonly T[],
  concurrency: number,
  outer: AbortSignal | undefined,
  work: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  outer?.addEventListener('abort', onAbort, { once: true });
  if (outer?.aborted) controller.abort();
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (!controller.signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item, controller.signal);
      } catch (error) {
        failure ??= error;
        controller.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure;
  if (outer?.aborted)
    throw dailiesError('E_CANCELLED', 'The upload was stopped; it resumes from its last part.');
}
