import {
  wireMessageSchema,
  type ContractTransport,
  type WireEvent,
  type WireResult,
} from '../../shared/contract';
import type { MessagePortMainLike } from '../engine-host/message-port-main';
import type { RendererTarget } from '../engine-host/engine-supervisor';
import { enginePortChannel } from '../../shared/desktop-ipc';

/**
 * Main's own connection to the engine, for what the shell shows outside the window (the
 * taskbar, notifications, the quit question). It is one more "page" to the supervisor, so it
 * gets a fresh port after every engine restart. Calls in flight when a port goes fail.
 */
export function createMainEngineClient(id: number): {
  target: RendererTarget;
  transport: ContractTransport;
  onConnected(listener: () => void): void;
  close(): void;
} {
  let port: MessagePortMainLike | null = null;
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, (result: WireResult) => void>();
  const listeners = new Set<(event: WireEvent) => void>();
  const connected = new Set<() => void>();

  const failPending = (): void => {
    for (const [requestId, resolve] of pending) {
      pending.delete(requestId);
      resolve({
        ok: false,
        error: { code: 'E_INTERNAL', message: 'The engine restarted.', retryable: true },
      });
    }
  };

  const attach = (next: MessagePortMainLike): void => {
    failPending();
    port?.close();
    port = next;
    next.on('message', ({ data }) => {
      if (port !== next) return;
      const parsed = wireMessageSchema.safeParse(data);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.kind === 'response') {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.result);
      } else if (message.kind === 'event') {
        for (const listener of [...listeners]) listener(message);
      }
    });
    next.start();
    for (const listener of connected) listener();
  };

  return {
    target: {
      id,
      postMessage(channel, _message, transfer) {
        const [next] = transfer ?? [];
        if (channel === enginePortChannel && next && !closed) attach(next);
      },
      send: () => undefined,
      isDestroyed: () => closed,
    },
    transport: {
      request(method, input) {
        return new Promise((resolve) => {
          if (!port) {
            resolve({
              ok: false,
              error: { code: 'E_INTERNAL', message: 'The engine is starting.', retryable: true },
            });
            return;
          }
          const requestId = nextId++;
          pending.set(requestId, resolve);
          port.postMessage({ kind: 'request', id: requestId, method, input });
        });
      },
      listen(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    onConnected(listener) {
      connected.add(listener);
    },
    close() {
      closed = true;
      failPending();
      port?.close();
      port = null;
    },
  };
}
