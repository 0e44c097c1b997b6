import { childSpawnerChannel } from '../../src/engine/media/child-spawner-channel';
import {
  fromSpawnerSchema,
  type FromSpawner,
  type OpenSpawnerChannel,
  type ToSpawner,
} from '../../src/engine/media/spawner-channel';

/** A run the engine asked of the spawner. */
export type SpawnerRequest = Extract<ToSpawner, { t: 'run' }>;

/**
 * Real spawners (Node children, as the CLI starts them) that the test SIGKILLs, as a crash
 * or the OOM killer would, on the message `dies` picks (given the runs asked of that
 * spawner so far). That message still reaches the engine; nothing the spawner sent after it
 * does, so a tool that happened to end in the same instant cannot win the race and the
 * death is the same on a busy machine as on an idle one.
 */
export function spawnerKilledAt(
  dies: (message: FromSpawner, asked: ReadonlyMap<number, SpawnerRequest>) => boolean,
): OpenSpawnerChannel {
  return () => {
    const channel = childSpawnerChannel();
    const asked = new Map<number, SpawnerRequest>();
    let pid: number | null = null;
    let killed = false;
    return {
      ...channel,
      send: (message) => {
        if (message.t === 'run') asked.set(message.id, message);
        channel.send(message);
      },
      onMessage: (listener) =>
        channel.onMessage((data) => {
          if (killed) return;
          listener(data);
          const message = fromSpawnerSchema.parse(data);
          if (message.t === 'ready') pid = message.pid;
          if (pid === null || !dies(message, asked)) return;
          killed = true;
          process.kill(pid, 'SIGKILL');
        }),
    };
  };
}
