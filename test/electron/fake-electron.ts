import type { MessagePort } from 'node:worker_threads';
import type { MessagePortMainLike } from '../../src/main/engine-host/message-port-main';

/**
 * Electron's MessagePortMain over one end of Node's MessageChannel: the only fake here is
 * Electron's event shape ({ data } instead of the bare value); the channel is real.
 */
export function nodePortAsMain(port: MessagePort): MessagePortMainLike {
  return {
    on(event: 'message' | 'close', listener: (messageEvent: { data: unknown }) => void) {
      if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
      else port.on('close', () => (listener as () => void)());
      return this;
    },
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  } as MessagePortMainLike;
}

/** Waits until `check` holds, polling on the event loop (no wall-clock assertion). */
export async function until(check: () => boolean, what: string, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
