/**
 * The sandboxed preload: one CommonJS file that requires only `electron`. It exposes exactly
 * one object, window.dailies, and never ipcRenderer itself or a way to send on any channel.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { bridgeKey } from '../shared/contract/bridge';
import { desktopCommandChannel } from '../shared/desktop-commands';
import { enginePortChannel, engineStatusChannel } from '../shared/desktop-ipc';
import { createBridge, type EnginePortLike } from './create-bridge';

const bridge = createBridge({
  onPort: (listener) => {
    ipcRenderer.on(enginePortChannel, (event) => {
      const [port] = event.ports;
      if (port) listener(port as unknown as EnginePortLike);
    });
  },
  onStatus: (listener) => {
    ipcRenderer.on(engineStatusChannel, (_event, status: unknown) => listener(status));
  },
  onCommand: (listener) => {
    ipcRenderer.on(desktopCommandChannel, (_event, command: unknown) => listener(command));
  },
  invoke: (channel, input) => ipcRenderer.invoke(channel, input),
  pathForFile: (file) =>
    webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]),
});

contextBridge.exposeInMainWorld(bridgeKey, bridge);

// Ask main for the engine port last, so the listener above is in place when it arrives.
void ipcRenderer.invoke('dailies:engine-connect', {});
