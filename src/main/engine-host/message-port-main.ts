import type { WireMessage } from '../../shared/contract';
import type { SpawnerPort } from '../../engine/media/port-spawner-channel';
import type { ToSpawner } from '../../engine/media/spawner-channel';

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

/**
 * Electron's MessagePortMain in the shape the engine's ports take (ContractPort for the
 * contract, SpawnerPort for the tool spawner): the same adapter, typed by what it carries.
 */
export function fromMessagePortMain<Message = WireMessage>(
  port: MessagePortMainLike,
): PortOf<Message> {
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

/** A port that sends `Message`s and hears anything (the receiver validates it). */
export interface PortOf<Message> {
  postMessage(message: Message): void;
  onMessage(listener: (data: unknown) => void): void;
  onClose(listener: () => void): void;
  start(): void;
  close(): void;
}

/** The engine's end of a port to the tool spawner, in the shape the engine names. */
export const spawnerPortFromMain = (port: MessagePortMainLike): SpawnerPort =>
  fromMessagePortMain<ToSpawner>(port);
