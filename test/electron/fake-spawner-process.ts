import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import { SPAWNER_SOURCE } from '../../src/engine/media/spawner-script';
import { toolEnvironment } from '../../src/engine/media/tool-environment';
import type { MessagePortMainLike } from '../../src/main/engine-host/message-port-main';
import {
  ToolSpawnerHost,
  type SpawnerProcessLike,
} from '../../src/main/engine-host/tool-spawner-host';
import { nodePortAsMain } from './fake-electron';

/**
 * What a utility process has that a Node child lacks: `process.parentPort`, whose messages
 * carry MessagePorts. Ports cannot cross processes in Node, so each one is bridged over the
 * child's IPC, numbered; the spawner script sees Electron's shapes ({ data }, 'close').
 */
export const PARENT_PORT_SHIM = String.raw`
const { EventEmitter } = require('node:events');
const parentPort = new EventEmitter();
const ports = new Map();
Object.defineProperty(process, 'parentPort', { value: parentPort });
process.on('message', (bridge) => {
  if (bridge.kind === 'open') {
    const port = new EventEmitter();
    let open = true;
    port.postMessage = (data) => { if (open && process.connected) process.send({ port: bridge.port, data }); };
    port.start = () => {};
    port.close = () => { if (!open) return; open = false; ports.delete(bridge.port); port.emit('close'); };
    ports.set(bridge.port, port);
    parentPort.emit('message', { data: bridge.message, ports: [port] });
  } else if (bridge.kind === 'data') ports.get(bridge.port)?.emit('message', { data: bridge.data });
  else if (bridge.kind === 'close') ports.get(bridge.port)?.close();
});
process.on('disconnect', () => process.exit(0));
`;

/**
 * A fake of Electron's UtilityProcess running the tool spawner (Electron cannot start here):
 * the real spawner script, from its source or a built file, in a Node child behind the
 * parentPort shim. The tools it starts are real; only Electron's process wrapper is faked.
 * When the child dies, the ports it held close, as Electron closes a dead process's ports.
 */
export class FakeSpawnerUtilityProcess extends EventEmitter implements SpawnerProcessLike {
  readonly child: ChildProcess;
  /** The tools it was asked to run, by file: how a test sees runs went through it. */
  readonly runs: string[] = [];
  readonly #ports = new Map<number, MessagePortMainLike>();
  #nextPort = 1;

  constructor(scriptFile?: string) {
    super();
    const body = scriptFile ? `require(${JSON.stringify(scriptFile)});` : SPAWNER_SOURCE;
    this.child = spawn(process.execPath, ['-e', PARENT_PORT_SHIM + body], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: toolEnvironment(),
    });
    this.child.on('message', (bridge: { port: number; data: unknown }) =>
      this.#ports.get(bridge.port)?.postMessage(bridge.data),
    );
    this.child.on('exit', (code) => {
      const ports = [...this.#ports.values()];
      this.#ports.clear();
      for (const port of ports) port.close();
      this.emit('exit', code ?? 1);
    });
  }

  postMessage(message: { kind: 'connect' }, transfer: MessagePortMainLike[] = []): void {
    const [port] = transfer;
    if (!port) return;
    const id = this.#nextPort++;
    this.#ports.set(id, port);
    // A message to a process killed a moment ago is lost, as Electron's postMessage to a dead
    // utility process is (it does not throw): the pipe's EPIPE is not the test's error.
    const send = (bridge: Record<string, unknown>) => {
      if (this.child.connected) this.child.send({ ...bridge, port: id }, () => undefined);
    };
    send({ kind: 'open', message });
    port.on('message', ({ data }) => {
      if (isRun(data)) this.runs.push(data.file);
      send({ kind: 'data', data });
    });
    port.on('close', () => {
      if (this.#ports.delete(id)) send({ kind: 'close' });
    });
    port.start();
  }

  kill(): boolean {
    return this.child.kill('SIGKILL');
  }
}

function isRun(data: unknown): data is { t: 'run'; file: string } {
  return typeof data === 'object' && data !== null && 't' in data && data.t === 'run';
}

/** Main's ToolSpawnerHost over fake utility processes and Node's real MessageChannel. */
export function fakeToolSpawnerHost(scriptFile?: string): {
  host: ToolSpawnerHost;
  processes: FakeSpawnerUtilityProcess[];
} {
  const processes: FakeSpawnerUtilityProcess[] = [];
  const host = new ToolSpawnerHost({
    fork: () => {
      const spawner = new FakeSpawnerUtilityProcess(scriptFile);
      processes.push(spawner);
      return spawner;
    },
    createChannel: () => {
      const { port1, port2 } = new MessageChannel();
      return { port1: nodePortAsMain(port1), port2: nodePortAsMain(port2) };
    },
    log: () => undefined,
  });
  return { host, processes };
}
