import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent, WireResult } from '../../src/shared/contract';
import {
  enginePortChannel,
  engineStatusChannel,
  type DailiesDesktopBridge,
} from '../../src/shared/desktop-ipc';
import { desktopCommandChannel, type DesktopCommand } from '../../src/shared/desktop-commands';
import { fromMessagePortMain } from '../../src/main/engine-host/message-port-main';
import { serveContractPort } from '../../src/main/engine-host/serve-contract-port';
import { testEngine } from '../helpers/engine';
import { buildElectronTarget } from './build-electron-target';
import { nodePortAsMain, until } from './fake-electron';

let outDir = '';
let preloadFile = '';

beforeAll(async () => {
  outDir = await buildElectronTarget('preload');
  preloadFile = path.join(outDir, 'index.cjs');
});

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

const openPorts: MessagePort[] = [];
afterEach(() => {
  for (const port of openPorts.splice(0)) port.close();
});

type IpcListener = (event: { ports: MessagePort[] }, ...args: unknown[]) => void;

/** Runs the built preload in a fresh V8 context whose only loadable module is a fake electron. */
function loadPreload(options: { invoke?: (channel: string, input: unknown) => unknown } = {}) {
  const exposed: Record<string, unknown> = {};
  const required: string[] = [];
  const ipcListeners = new Map<string, IpcListener[]>();
  const invoked: Array<{ channel: string; input: unknown }> = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        exposed[key] = api;
      },
    },
    ipcRenderer: {
      on(channel: string, listener: IpcListener) {
        ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener]);
      },
      invoke(channel: string, input: unknown) {
        invoked.push({ channel, input });
        return Promise.resolve(options.invoke?.(channel, input) ?? { ok: true, value: {} });
      },
    },
    webUtils: { getPathForFile: (file: { fakePath: string }) => file.fakePath },
  };
  const fakeRequire = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`The sandboxed preload tried to load "${id}"`);
  };
  const source = fs.readFileSync(preloadFile, 'utf8');
  const context = vm.createContext({ console });
  const wrapper = vm.runInContext(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    context,
    { filename: preloadFile },
  ) as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper(module.exports, fakeRequire, module, preloadFile, path.dirname(preloadFile));

  const emit = (channel: string, event: { ports: MessagePort[] }, ...args: unknown[]) => {
    for (const listener of ipcListeners.get(channel) ?? []) listener(event, ...args);
  };
  return {
    exposed,
    required,
    invoked,
    ipcChannels: () => [...ipcListeners.keys()].sort(),
    bridge: () => exposed.dailies as DailiesDesktopBridge,
    sendPort: (port: MessagePort) => emit(enginePortChannel, { ports: [port] }),
    sendStatus: (status: unknown) => emit(engineStatusChannel, { ports: [] }, status),
    sendCommand: (command: unknown) => emit(desktopCommandChannel, { ports: [] }, command),
  };
}

/** A real engine served over a real MessageChannel; returns the renderer's end. */
function servedEngine() {
  const engine = testEngine({ host: 'electron' });
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  const dispatched: string[] = [];
  const server = {
    dispatch: (method: string, input: unknown) => {
      dispatched.push(method);
      return engine.dispatch(method, input);
    },
    subscribe: engine.subscribe,
  };
  const served = serveContractPort(fromMessagePortMain(nodePortAsMain(port1)), server, {
    greeting: { kind: 'event', name: 'engine.ready', payload: { dataDir: engine.dataDir } },
  });
  return { engine, rendererPort: port2, served, dispatched };
}

describe('the built preload', () => {
  it('is one CommonJS file that loads with nothing but electron and exposes only window.dailies', () => {
    const preload = loadPreload();
    expect(preload.required).toEqual(['electron']);
    expect(Object.keys(preload.exposed)).toEqual(['dailies']);
    const bridge = preload.bridge();
    expect(Object.keys(bridge).sort()).toEqual(['desktop', 'listen', 'request']);
    expect(typeof bridge.request).toBe('function');
    expect(typeof bridge.listen).toBe('function');
    expect(Object.keys(bridge.desktop).sort()).toEqual([
      'onCommand',
      'pathForFile',
      'pickFiles',
      'pickFolder',
      'restartToUpdate',
      'revealInFolder',
    ]);
    // No raw IPC leaks: nothing exposed can send on an arbitrary channel.
    expect(JSON.stringify(Object.keys(preload.exposed.dailies as object))).not.toMatch(
      /ipc|send|invoke/i,
    );
    // It asks main for its engine port once, and listens only on its three channels.
    expect(preload.invoked).toEqual([{ channel: 'dailies:engine-connect', input: {} }]);
    expect(preload.ipcChannels()).toEqual(
      [desktopCommandChannel, enginePortChannel, engineStatusChannel].sort(),
    );
  });

  it('hands menu commands to the page, keeping the ones sent before it listened and dropping malformed ones', () => {
    const preload = loadPreload();
    // "Open with Dailies" at launch: the paths arrive before the page subscribes.
    preload.sendCommand({ command: 'ingest-paths', paths: ['/footage/day1'] });
    preload.sendCommand({ command: 'format-disk' });
    preload.sendCommand({ command: 'show-view', view: 'settings', extra: 1 });
    const seen: DesktopCommand[] = [];
    const stop = preload.bridge().desktop.onCommand?.((command) => seen.push(command));
    preload.sendCommand({ command: 'pause-uploads' });
    expect(seen).toEqual([
      { command: 'ingest-paths', paths: ['/footage/day1'] },
      { command: 'pause-uploads' },
    ]);
    stop?.();
    preload.sendCommand({ command: 'find' });
    expect(seen).toHaveLength(2);
  });

  it('queues a request until the engine port arrives, then gets the real engine answer', async () => {
    const preload = loadPreload();
    const { engine, rendererPort } = servedEngine();
    const answer = preload.bridge().request('settings.get', {});
    preload.sendPort(rendererPort);
    const result = (await answer) as WireResult;
    expect(result).toMatchObject({ ok: true, value: { theme: 'system', thumbnailWidth: 640 } });

    const info = (await preload.bridge().request('app.info', {})) as WireResult;
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir: engine.dataDir } });
  });

  it('returns the engine validation error as a value', async () => {
    const preload = loadPreload();
    const { rendererPort } = servedEngine();
    preload.sendPort(rendererPort);
    const result = (await preload
      .bridge()
      .request('settings.set', { thumbnailWidth: 3 })) as WireResult;
    expect(result).toMatchObject({ ok: false, error: { code: 'E_VALIDATION', retryable: false } });
  });

  it('refuses a method that is not in the contract without sending it', async () => {
    const preload = loadPreload();
    const { rendererPort, dispatched } = servedEngine();
    preload.sendPort(rendererPort);
    const result = await preload
      .bridge()
      .request('catalog.dropEverything' as never, { please: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    const inherited = await preload.bridge().request('constructor' as never, {});
    expect(inherited).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_METHOD' } });
    // A real call afterwards is the only one that reached the engine.
    await preload.bridge().request('settings.get', {});
    expect(dispatched).toEqual(['settings.get']);
  });

  it('delivers engine events to listeners until they unsubscribe', async () => {
    const preload = loadPreload();
    const { rendererPort } = servedEngine();
    const events: WireEvent[] = [];
    const stop = preload.bridge().listen((event) => events.push(event));
    preload.sendPort(rendererPort);
    await until(() => events.some((event) => event.name === 'engine.ready'), 'engine.ready');

    await preload.bridge().request('settings.set', { theme: 'dark' });
    await until(
      () => events.some((event) => event.name === 'settings.changed'),
      'settings.changed',
    );
    expect(events.find((event) => event.name === 'settings.changed')).toMatchObject({
      kind: 'event',
      payload: { theme: 'dark' },
    });

    stop();
    const before = events.length;
    await preload.bridge().request('settings.set', { theme: 'light' });
    await preload.bridge().request('settings.get', {});
    expect(events.length).toBe(before);
  });

  it('fails calls in flight when the engine restarts, tells listeners, and uses the new port', async () => {
    const preload = loadPreload();
    const events: WireEvent[] = [];
    preload.bridge().listen((event) => events.push(event));

    // A first engine port whose far end never answers: the engine died mid-call.
    const dead = new MessageChannel();
    openPorts.push(dead.port1, dead.port2);
    preload.sendPort(dead.port2);
    const inFlight = preload.bridge().request('settings.get', {});
    preload.sendStatus({ state: 'restarting', reason: 'exit code 1', attempt: 1, delayMs: 500 });
    expect(await inFlight).toMatchObject({
      ok: false,
      error: { code: 'E_INTERNAL', retryable: true },
    });
    expect(events).toContainEqual({
      kind: 'event',
      name: 'engine.status',
      payload: { state: 'restarting', reason: 'exit code 1', attempt: 1, delayMs: 500 },
    });

    // Calls made while it restarts wait for the new engine.
    const waiting = preload.bridge().request('settings.get', {});
    const { rendererPort } = servedEngine();
    preload.sendPort(rendererPort);
    expect(await waiting).toMatchObject({ ok: true });
  });

  it('sends desktop calls on their own channels and unwraps the answer', async () => {
    const preload = loadPreload({
      invoke: (channel) =>
        channel === 'dailies:pick-files'
          ? { ok: true, value: { paths: ['/media/a.mov'] } }
          : { ok: true, value: { connected: true } },
    });
    const picked = await preload.bridge().desktop.pickFiles();
    expect(picked).toEqual({ ok: true, value: ['/media/a.mov'] });
    expect(preload.invoked.at(-1)).toEqual({ channel: 'dailies:pick-files', input: {} });
    expect(preload.bridge().desktop.pathForFile({ fakePath: '/media/b.mxf' })).toBe('/media/b.mxf');
  });
});
