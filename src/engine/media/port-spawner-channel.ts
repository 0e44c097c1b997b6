import type { SpawnerChannel, SpawnerClosed, ToSpawner } from './spawner-channel';

/**
 * The least a port to a spawner must offer. The desktop host adapts Electron's
 * MessagePortMain to it (the engine never imports electron); tests adapt Node's MessagePort.
 */
export interface SpawnerPort {
  postMessage(message: ToSpawner): void;
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: () => void): void;
  start(): void;
  close(): void;
  /** Whether the port holds the process open (Node's ref/unref); absent where it cannot. */
  hold?(on: boolean): void;
}

/**
 * A spawner reached over a MessagePort: the desktop app's, a utility process of its own that
 * main starts. The port comes later (the engine asks main for it), so messages wait for it;
 * no port (main has no spawner to give) closes the channel as 'absent', and the runs go
 * direct; a refused ask (the engine is stopping) closes it as 'stopping'.
 */
export function portSpawnerChannel(port: Promise<SpawnerPort | null>): SpawnerChannel {
  const waiting: ToSpawner[] = [];
  const messageListeners: Array<(data: unknown) => void> = [];
  const closeListeners: Array<(why: SpawnerClosed) => void> = [];
  let ready: SpawnerPort | null = null;
  let closed = false;
  let held = false;

  const end = (why: SpawnerClosed): void => {
    if (closed) return;
    closed = true;
    waiting.length = 0;
    for (const listener of closeListeners) listener(why);
  };

  port.then(
    (arrived) => {
      if (!arrived) return end('absent');
      if (closed) return arrived.close();
      ready = arrived;
      arrived.onMessage((data) => {
        if (!closed) for (const listener of messageListeners) listener(data);
      });
      arrived.onClose(() => end('gone'));
      arrived.start();
      arrived.hold?.(held);
      for (const message of waiting.splice(0)) arrived.postMessage(message);
    },
    () => end('stopping'),
  );

  return {
    send: (message) => {
      if (closed) return;
      if (ready) ready.postMessage(message);
      else waiting.push(message);
    },
    onMessage: (listener) => {
      messageListeners.push(listener);
    },
    onClose: (listener) => {
      closeListeners.push(listener);
    },
    hold: (on) => {
      held = on;
      ready?.hold?.(on);
    },
    close: () => {
      const open = ready;
      end('gone');
      try {
        open?.close();
      } catch {
        // Already closed by the other side.
      }
    },
  };
}
