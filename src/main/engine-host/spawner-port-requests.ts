import type { SpawnerPort } from '../../engine/media/port-spawner-channel';

export interface SpawnerPortRequests {
  /** Asks main for a port to the tool spawner; null when main has none to give. */
  request(): Promise<SpawnerPort | null>;
  /** Main's answer ('spawner-port'), to the oldest open request. */
  answer(port: SpawnerPort | null): void;
  /** The engine is stopping: open requests get no port (their runs go direct). */
  cancel(): void;
}

/**
 * The engine process's side of asking main for the tool spawner: each ask is one 'spawner'
 * message, and main answers each with one 'spawner-port', in order.
 */
export function createSpawnerPortRequests(ask: () => void): SpawnerPortRequests {
  const waiting: Array<(port: SpawnerPort | null) => void> = [];
  return {
    request: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        ask();
      }),
    answer: (port) => {
      const resolve = waiting.shift();
      if (resolve) resolve(port);
      else port?.close();
    },
    cancel: () => {
      for (const resolve of waiting.splice(0)) resolve(null);
    },
  };
}
