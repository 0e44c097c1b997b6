import { spawn } from 'node:child_process';
import type { SpawnerChannel } from './spawner-channel';
import { SPAWNER_SOURCE } from './spawner-script';
import { toolEnvironment } from './tool-environment';

/**
 * A spawner as a Node child of the engine (`node -e`), over its IPC channel: the CLI, the web
 * host and tests. Closing the channel kills the child, and its tools with it.
 */
export function childSpawnerChannel(): SpawnerChannel {
  const child = spawn(process.execPath, ['-e', SPAWNER_SOURCE], {
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    windowsHide: true,
    env: { ...toolEnvironment(), ELECTRON_RUN_AS_NODE: '1' },
  });
  // Idle, the spawner must not keep the engine's process alive.
  child.unref();
  child.channel?.unref();
  return {
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onClose: (listener) => {
      let told = false;
      const once = () => {
        if (told) return;
        told = true;
        listener('gone');
      };
      child.on('error', once);
      child.on('exit', once);
    },
    hold: (on) => {
      const channel = child.channel;
      if (!channel) return;
      if (on) channel.ref();
      else channel.unref();
    },
    close: () => {
      child.kill('SIGKILL');
    },
  };
}
