import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { fromSpawnerSchema, type FromSpawner } from '../../src/engine/media/spawner-channel';
import type { MessagePortMainLike } from '../../src/main/engine-host/message-port-main';
import { endlessFfmpegArgs, isRunning, realTools } from '../media/media-test-kit';
import { until } from './fake-electron';
import { ToolSpawnerHost } from '../../src/main/engine-host/tool-spawner-host';
import { fakeToolSpawnerHost } from './fake-spawner-process';

/** What the engine hears on its end of a port to the spawner. */
function listen(port: MessagePortMainLike): FromSpawner[] {
  const heard: FromSpawner[] = [];
  port.on('message', ({ data }) => heard.push(fromSpawnerSchema.parse(data)));
  port.start();
  return heard;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function started() {
  const spawners = fakeToolSpawnerHost();
  cleanups.push(() => spawners.host.stop());
  return spawners;
}

describe('the desktop app’s tool spawner process', () => {
  it('starts when the engine first asks, and one process serves every port', async () => {
    const { host, processes } = started();
    expect(processes).toHaveLength(0);
    const first = listen(host.connect()!);
    const second = listen(host.connect()!);
    await until(() => first.length > 0 && second.length > 0, 'both ports to be served');
    expect(processes).toHaveLength(1);
    expect(first[0]).toEqual({ t: 'ready', pid: processes[0]!.child.pid });
    expect(second[0]).toEqual(first[0]);
  });

  it('kills the tools of an engine that went away, and keeps serving the next engine', async () => {
    const { host, processes } = started();
    const ffmpeg = await realTools().require('ffmpeg');
    const gone = host.connect()!;
    const heard = listen(gone);
    gone.postMessage({ t: 'run', id: 1, file: ffmpeg, args: endlessFfmpegArgs, max: 1024 });
    await until(() => heard.some((m) => m.t === 'pid'), 'the tool to start');
    const tool = heard.find((m) => m.t === 'pid')!.pid;
    expect(isRunning(tool)).toBe(true);

    gone.close();
    await until(() => !isRunning(tool), 'the tool to be killed', 2_000);

    const next = host.connect()!;
    const answers = listen(next);
    next.postMessage({ t: 'run', id: 1, file: ffmpeg, args: ['-version'], max: 1024 * 1024 });
    await until(() => answers.some((m) => m.t === 'done'), 'the next engine’s run');
    expect(answers.find((m) => m.t === 'done')).toMatchObject({ exitCode: 0 });
    expect(processes).toHaveLength(1);
  });

  it('starts again after it died; the port it held closes', async () => {
    const { host, processes } = started();
    const port = host.connect()!;
    let closed = false;
    port.on('close', () => (closed = true));
    const heard = listen(port);
    await until(() => heard.length > 0, 'the spawner to be ready');
    processes[0]!.child.kill('SIGKILL');
    await until(() => closed, 'the port to close');

    const again = listen(host.connect()!);
    await until(() => again.length > 0, 'a new spawner to be ready');
    expect(processes).toHaveLength(2);
    expect(again[0]).toEqual({ t: 'ready', pid: processes[1]!.child.pid });
  });

  it('replaces a spawner the engine found hung, which its closed port alone would not end', async () => {
    const { host, processes } = started();
    const heard = listen(host.connect()!);
    await until(() => heard.length > 0, 'the spawner to be ready');
    const hung = processes[0]!;
    let exited = false;
    hung.on('exit', () => (exited = true));
    hung.child.kill('SIGSTOP'); // alive, answering nothing
    const again = listen(host.connect({ replace: true })!);
    hung.child.kill('SIGCONT'); // Electron's kill is a SIGTERM: a stopped process takes it once it runs
    await until(() => exited, 'the hung spawner to be ended');
    await until(() => again.length > 0, 'a new spawner to be ready');
    expect(processes).toHaveLength(2);
    expect(again[0]).toEqual({ t: 'ready', pid: processes[1]!.child.pid });
  });

  it('stops on quit and gives no port after', async () => {
    const { host, processes } = started();
    listen(host.connect()!);
    const spawner = processes[0]!;
    let exited = false;
    spawner.on('exit', () => (exited = true));
    host.stop();
    await until(() => exited, 'the spawner to exit');
    expect(host.connect()).toBeNull();
    expect(processes).toHaveLength(1);
  });

  it('starts a fresh spawner when the one it had can no longer take a port', () => {
    const events: string[] = [];
    const dead = Object.assign(new EventEmitter(), {
      postMessage: () => {
        throw new Error('the utility process is gone');
      },
      kill: () => false,
    });
    const given: MessagePortMainLike[] = [];
    const live = Object.assign(new EventEmitter(), {
      postMessage: (_message: { kind: 'connect' }, transfer: MessagePortMainLike[] = []) => {
        given.push(...transfer);
      },
      kill: () => true,
    });
    const port = (name: string): MessagePortMainLike => ({
      on: () => undefined,
      postMessage: () => undefined,
      start: () => undefined,
      close: () => events.push(`closed ${name}`),
    });
    let channels = 0;
    const host = new ToolSpawnerHost({
      fork: () => {
        events.push('fork');
        return events.filter((f) => f === 'fork').length === 1 ? dead : live;
      },
      createChannel: () => {
        channels += 1;
        return { port1: port(`spawner end ${channels}`), port2: port(`engine end ${channels}`) };
      },
      log: () => undefined,
    });
    const engineEnd = host.connect();
    expect(events).toEqual(['fork', 'closed engine end 1', 'fork']);
    expect(engineEnd).not.toBeNull();
    expect(given).toHaveLength(1);
  });
});
