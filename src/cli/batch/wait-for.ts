import { dailiesError, type DailiesApi } from '../../shared/contract';

/**
 * Resolves once `done()` says so, asking again at every job change and at least every
 * second. Rejects with E_CANCELLED when the signal aborts (Ctrl+C): the work itself stays
 * queued, to go on at the next run.
 */
export async function waitFor(
  api: DailiesApi,
  signal: AbortSignal,
  done: () => Promise<boolean>,
): Promise<void> {
  for (;;) {
    if (signal.aborted) throw dailiesError('E_CANCELLED', 'Stopped by Ctrl+C.');
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const stops = [
      api.subscribe('job.changed', () => wake()),
      api.subscribe('jobs.changed', () => wake()),
      api.subscribe('analysis.verdict', () => wake()),
    ];
    const timer = setTimeout(() => wake(), 1000);
    signal.addEventListener('abort', () => wake(), { once: true });
    try {
      if (await done()) return;
      await woken;
    } finally {
      stops.forEach((stop) => stop());
      clearTimeout(timer);
    }
  }
}
