import type { DailiesApi } from '../shared/contract';

/**
 * Runs one whole-batch call (a bulk edit, `queue pause --all`...) so that Ctrl+C asks the
 * engine to stop it at its next step (bulk.cancel; the engine is this command's own, so
 * every bulk call running in it is this one). The call then fails with E_CANCELLED, whose
 * message says how far it got ("Stopped: 3,200 jobs paused; the others were left as they
 * were."), and the CLI prints it and exits 130.
 */
export async function stoppableCall<T>(
  api: DailiesApi,
  signal: AbortSignal,
  call: () => Promise<T>,
): Promise<T> {
  const onAbort = () => {
    // Should the ask fail (the engine is closing), the call ends on its own all the same.
    api.invoke('bulk.cancel', {}).catch(() => undefined);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const answer = call();
    // Ctrl+C pressed before the call began (while the engine opened, say): the listener never
    // fires on a signal already aborted. Asked once the call is under way, it stops at its
    // first step boundary instead of running to the end.
    if (signal.aborted) onAbort();
    return await answer;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
