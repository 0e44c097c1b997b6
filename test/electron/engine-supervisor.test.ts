import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { enginePortChannel, engineStatusChannel } from '../../src/shared/desktop-ipc';
import type { ToEngineProcess } from '../../src/main/engine-host/engine-process-protocol';
import {
  EngineSupervisor,
  type RendererTarget,
  type UtilityProcessLike,
} from '../../src/main/engine-host/engine-supervisor';
import type { MessagePortMainLike } from '../../src/main/engine-host/message-port-main';
import { createRestartBackoff } from '../../src/main/engine-host/restart-backoff';

/** A fake of Electron's UtilityProcess (Electron cannot start here). */
class FakeChild extends EventEmitter implements UtilityProcessLike {
  readonly received: Array<{ message: ToEngineProcess; ports: number }> = [];
  killed = false;
  postMessage(message: ToEngineProcess, transfer: MessagePortMainLike[] = []): void {
    this.received.push({ message, ports: transfer.length });
  }
  kill(): boolean {
    this.killed = true;
    this.emit('exit', 9);
    return true;
  }
}

function harness(options: { toolSpawner?: boolean } = {}) {
  const children: FakeChild[] = [];
  const toolSpawner = { asked: 0, stopped: 0 };
  const timers: Array<{ run: () => void; delayMs: number; cancelled: boolean }> = [];
  let clock = 0;
  const supervisor = new EngineSupervisor({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    createChannel: () => ({ port1: fakePort(), port2: fakePort() }),
    now: () => clock,
    schedule: (run, delayMs) => {
      const timer = { run, delayMs, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    log: () => undefined,
    ...(options.toolSpawner === false
      ? {}
      : {
          toolSpawner: {
            connect: () => {
              toolSpawner.asked += 1;
              return fakePort();
            },
            stop: () => {
              toolSpawner.stopped += 1;
            },
          },
        }),
    backoff: createRestartBackoff({ initialMs: 500, maxMs: 4_000, stableAfterMs: 60_000 }),
    maxAttempts: 4,
  });
  const page = fakeRenderer(3);
  return {
    supervisor,
    children,
    toolSpawner,
    timers,
    page,
    advance: (ms: number) => {
      clock += ms;
    },
    child: () => children.at(-1) as FakeChild,
    runTimer: () => {
      const timer = timers.filter((t) => !t.cancelled).shift();
      if (!timer) throw new Error('no timer scheduled');
      timer.cancelled = true;
      timer.run();
      return timer.delayMs;
    },
  };
}

function fakePort(): MessagePortMainLike {
  return {
    on: () => undefined,
    postMessage: () => undefined,
    start: () => undefined,
    close: () => undefined,
  };
}

function fakeRenderer(id: number) {
  const sent: Array<{ channel: string; payload: unknown; ports: number }> = [];
  const target: RendererTarget = {
    id,
    postMessage: (channel, payload, transfer = []) =>
      sent.push({ channel, payload, ports: transfer.length }),
    send: (channel, payload) => sent.push({ channel, payload, ports: 0 }),
    isDestroyed: () => false,
  };
  return { target, sent, ports: () => sent.filter((s) => s.channel === enginePortChannel) };
}

describe('engine supervisor', () => {
  it('gives a page its own channel to the engine once the engine is ready', () => {
    const h = harness();
    h.supervisor.start();
    h.supervisor.connect(h.page.target);
    expect(h.page.ports()).toHaveLength(0);
    h.child().emit('message', { kind: 'ready', dataDir: '/data' });
    expect(h.child().received).toEqual([{ message: { kind: 'connect', rendererId: 3 }, ports: 1 }]);
    expect(h.page.ports()).toEqual([{ channel: enginePortChannel, payload: null, ports: 1 }]);
  });

  it('restarts a crashed engine with growing delays, tells the page, and reconnects it', () => {
    const h = harness();
    h.supervisor.start();
    h.supervisor.connect(h.page.target);
    h.child().emit('message', { kind: 'ready', dataDir: '/data' });

    h.child().emit('exit', 139);
    expect(h.supervisor.state).toBe('waiting');
    expect(h.page.sent.at(-1)).toEqual({
      channel: engineStatusChannel,
      payload: {
        state: 'restarting',
        reason: 'The engine process stopped (exit code 139).',
        attempt: 1,
        delayMs: 500,
      },
      ports: 0,
    });
    expect(h.runTimer()).toBe(500);
    expect(h.children).toHaveLength(2);
    h.child().emit('message', { kind: 'ready', dataDir: '/data' });
    expect(h.page.ports()).toHaveLength(2);

    // Crashing again soon after doubles the wait.
    h.child().emit('exit', 1);
    expect(h.runTimer()).toBe(1_000);
    h.child().emit('exit', 1);
    expect(h.runTimer()).toBe(2_000);

    // An engine that ran a while counts as healthy: the next crash restarts quickly again.
    h.child().emit('message', { kind: 'ready', dataDir: '/data' });
    h.advance(120_000);
    h.child().emit('exit', 1);
    expect(h.runTimer()).toBe(500);
  });

  it('gives up after repeated crashes and shows why instead of looping', () => {
    const h = harness();
    h.supervisor.start();
    h.supervisor.connect(h.page.target);
    for (let i = 0; i < 4; i += 1) {
      h.child().emit('exit', 1);
      h.runTimer();
    }
    h.child().emit('exit', 1);
    expect(h.supervisor.state).toBe('failed');
    expect(h.page.sent.at(-1)).toMatchObject({
      channel: engineStatusChannel,
      payload: { state: 'failed', error: { code: 'E_INTERNAL' } },
    });
    // A page that reloads later still learns the engine is down.
    const later = fakeRenderer(4);
    h.supervisor.connect(later.target);
    expect(later.sent).toMatchObject([{ payload: { state: 'failed' } }]);
  });

  it('does not retry an engine that cannot open its catalog, and says why', () => {
    const h = harness();
    h.supervisor.start();
    h.supervisor.connect(h.page.target);
    const error = { code: 'E_LOCKED', message: 'This data folder is in use.', retryable: false };
    h.child().emit('message', { kind: 'failed', error });
    h.child().emit('exit', 1);
    expect(h.supervisor.state).toBe('failed');
    expect(h.timers).toHaveLength(0);
    expect(h.page.sent.at(-1)?.payload).toEqual({ state: 'failed', error });
  });

  it('stops the engine on quit and kills it only if it does not exit in time', async () => {
    const h = harness();
    h.supervisor.start();
    h.child().emit('message', { kind: 'ready', dataDir: '/data' });
    const child = h.child();
    const stopped = h.supervisor.stop();
    expect(child.received.at(-1)).toEqual({ message: { kind: 'stop' }, ports: 0 });
    child.emit('exit', 0);
    await stopped;
    expect(child.killed).toBe(false);
    expect(h.supervisor.state).toBe('stopped');

    const slow = harness();
    slow.supervisor.start();
    const stopping = slow.supervisor.stop();
    slow.runTimer();
    await stopping;
    expect(slow.child().killed).toBe(true);
    expect(slow.children).toHaveLength(1);
  });

  it('answers the engine’s ask for the tool spawner with a port to it, and stops it after the engine', async () => {
    const h = harness();
    h.supervisor.start();
    h.child().emit('message', { kind: 'ready', dataDir: '/data' });
    h.child().emit('message', { kind: 'spawner' });
    h.child().emit('message', { kind: 'spawner' });
    expect(h.toolSpawner.asked).toBe(2);
    expect(h.child().received).toEqual([
      { message: { kind: 'spawner-port' }, ports: 1 },
      { message: { kind: 'spawner-port' }, ports: 1 },
    ]);

    const stopped = h.supervisor.stop();
    expect(h.toolSpawner.stopped).toBe(0);
    h.child().emit('exit', 0);
    await stopped;
    expect(h.toolSpawner.stopped).toBe(1);

    // Without a spawner (it could not be set up) the answer carries no port: tools start directly.
    const bare = harness({ toolSpawner: false });
    bare.supervisor.start();
    bare.child().emit('message', { kind: 'spawner' });
    expect(bare.child().received).toEqual([{ message: { kind: 'spawner-port' }, ports: 0 }]);
  });
});
