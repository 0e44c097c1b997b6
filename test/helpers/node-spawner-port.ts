import type { MessagePort } from 'node:worker_threads';
import type { SpawnerPort } from '../../src/engine/media/port-spawner-channel';

/**
 * One end of Node's MessageChannel as the port the engine's MessagePort spawner channel takes:
 * how tests and the spawner bench stand in for the desktop app's port to its spawner.
 */
export function nodeSpawnerPort(port: MessagePort): SpawnerPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', listener),
    onClose: (listener) => port.on('close', listener),
    start: () => port.start(),
    close: () => port.close(),
    hold: (on) => (on ? port.ref() : port.unref()),
  };
}
