import type { SpawnerPort } from '../../engine/media/port-spawner-channel';

export interface SpawnerPortRequests {
  /**
   * Asks main for a port to the tool spawner; null when main has none to give. Rejects once
   * the engine is stopping (its runs are refused, not started directly).
   */
  request(options?: { replace?: boolean }): Promise<SpawnerPort | null>;
  /** Main's answer ('spawner-port'), to the oldest open request. */
  answer(port: SpawnerPort | null): void;
  /** The engine is stopping: open and later requests are refused. */
  cancel(): void;
}

/**
 * The engine process's side of asking main for the tool spawner: each ask is one 'spawner'
 * message, and main answers each with one 'spawner-port', in order.
 */
export function createSpawnerPortRequests(
  ask: (options: { replace: boolean }) => void,
): SpawnerPortRequests {
  const waiting: Array<{
    resolve: (port: SpawnerPort | null) => void;
    reject: (error: Error) => void;
  }> = [];
  let cancelled = false;
  const stopping = () => new Error('the engine is stopping');
  return {
    request: (options = {}) =>
      new Promise((resolve, reject) => {
        if (cancelled) return reject(stopping());
        waiting.push({ resolve, reject });
        ask({ replace: options.replace === true });
      }),
    answer: (port) => {
      const open = waiting.shift();
      if (open) open.resolve(port);
      else port?.close();
    },
    cancel: () => {
      cancelled = true;
      for (const open of waiting.splice(0)) open.reject(stopping());
    },
  };
}
