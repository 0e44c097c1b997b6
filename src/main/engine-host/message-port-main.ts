import type { WireMessage } from '../../shared/contract';
import type { SpawnerPort } from '../../engine/media/port-spawner-channel';
import type { ContractPort } from './serve-contract-port';

/**
 * The shape of Electron's MessagePortMain that we use, written out so the utility process
 * (which must not import electron) and tests can name it. Its 'message' listener receives
 * an event whose `data` is the message, unlike Node's MessagePort.
 */
export interface MessagePortMainLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export function fromMessagePortMain(port: MessagePortMainLike): ContractPort {
  return {
    postMessage: (message: WireMessage) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
    },
    onClose: (listener) => {
      port.on('close', listener);
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** The engine's end of a port to the tool spawner, in the shape the engine names. */
export function spawnerPortFromMain(port: MessagePortMainLike): SpawnerPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
    },
    onClose: (listener) => {
      port.on('close', listener);
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}
