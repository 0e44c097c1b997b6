import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopChannelNames, type DesktopResult } from '../../src/shared/desktop-ipc';
import type { WireMessage } from '../../src/shared/contract';
import { fromMessagePortMain } from '../../src/main/engine-host/message-port-main';
import { serveContractPort } from '../../src/main/engine-host/serve-contract-port';
import { createDesktopHandlers, type DesktopServices } from '../../src/main/ipc/desktop-handlers';
import {
  registerDesktopIpc,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../src/main/ipc/register-desktop-ipc';
import {
  createAppUrlCheck,
  createTrustedFrameCheck,
  type FrameLike,
} from '../../src/main/ipc/trusted-frame';
import { resolveRendererFile } from '../../src/main/window/app-protocol';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/temp-dir';
import { nodePortAsMain, until } from './fake-electron';

type Sender = { id: number };
type Handler = (event: InvokeEventLike<Sender>, ...args: unknown[]) => Promise<unknown>;

/** A fake ipcMain: Electron's own, which cannot start here, reduced to handle/removeHandler. */
class FakeIpcMain implements IpcMainLike<Sender> {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(
    channel: string,
    frame: FrameLike | null,
    input?: unknown,
  ): Promise<DesktopResult<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: frame, sender: { id: 7 } }, input) as Promise<
      DesktopResult<unknown>
    >;
  }
}

function frame(url: string, parent: FrameLike | null = null): FrameLike {
  return { url, parent };
}

function wiredIpc() {
  const ourFrame = frame('dailies-app://app/index.html');
  const ourWindow = { mainFrame: ourFrame, isDestroyed: () => false };
  const dialogs: unknown[] = [];
  const revealed: string[] = [];
  const connected: Sender[] = [];
  const services: DesktopServices<Sender> = {
    showOpenDialog: async (_sender, options) => {
      dialogs.push(options);
      return { canceled: false, filePaths: ['/media/day1/A001.mov', '/media/day1/A002.mov'] };
    },
    showItemInFolder: (file) => revealed.push(file),
    connectEngine: (sender) => connected.push(sender),
    restartToUpdate: () => Promise.resolve(false),
  };
  const ipcMain = new FakeIpcMain();
  const logged: string[] = [];
  const unregister = registerDesktopIpc({
    ipcMain,
    handlers: createDesktopHandlers(services),
    isTrustedFrame: createTrustedFrameCheck({
      windows: () => [ourWindow],
      isAppUrl: createAppUrlCheck(['dailies-app://app']),
    }),
    log: (message) => logged.push(message),
  });
  return { ipcMain, ourFrame, dialogs, revealed, connected, logged, unregister };
}

describe('desktop IPC wiring', () => {
  it('registers exactly the typed desktop channels and removes them again', () => {
    const { ipcMain, unregister } = wiredIpc();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...desktopChannelNames].sort());
    expect(desktopChannelNames.sort()).toEqual([
      'dailies:engine-connect',
      'dailies:pick-files',
      'dailies:pick-folder',
      'dailies:restart-to-update',
      'dailies:reveal-in-folder',
    ]);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('opens the file dialog for our window and answers with the picked paths', async () => {
    const { ipcMain, ourFrame, dialogs } = wiredIpc();
    const result = await ipcMain.invoke('dailies:pick-files', ourFrame, {});
    expect(result).toEqual({
      ok: true,
      value: { paths: ['/media/day1/A001.mov', '/media/day1/A002.mov'] },
    });
    expect(dialogs).toHaveLength(1);
  });

  it('refuses a call from an iframe, another window or a page that navigated away', async () => {
    const { ipcMain, ourFrame, dialogs, connected, logged } = wiredIpc();
    const foreign = [
      frame('dailies-app://app/index.html', ourFrame), // an iframe inside our page
      frame('dailies-app://app/index.html'), // same URL, but not our window's frame
      null, // a frame that is gone
    ];
    for (const senderFrame of foreign) {
      expect(await ipcMain.invoke('dailies:pick-files', senderFrame, {})).toMatchObject({
        ok: false,
        error: { code: 'E_PERMISSION' },
      });
      expect(await ipcMain.invoke('dailies:engine-connect', senderFrame, {})).toMatchObject({
        ok: false,
        error: { code: 'E_PERMISSION' },
      });
    }
    // Our own frame showing a foreign page (navigation got through somehow) is refused too.
    const navigated = { url: 'https://example.com/', parent: null };
    const trusted = createTrustedFrameCheck({
      windows: () => [{ mainFrame: navigated, isDestroyed: () => false }],
      isAppUrl: createAppUrlCheck(['dailies-app://app']),
    });
    expect(trusted(navigated)).toBe(false);
    expect(createAppUrlCheck(['dailies-app://app'])('other-app://app/index.html')).toBe(false);
    expect(createAppUrlCheck(['http://localhost:5173'])('http://localhost:5173/')).toBe(true);
    expect(createAppUrlCheck(['http://localhost:5173'])('http://localhost:5174/')).toBe(false);
    expect(dialogs).toHaveLength(0);
    expect(connected).toHaveLength(0);
    expect(logged.filter((line) => line.includes('foreign frame'))).toHaveLength(6);
  });

  it('validates desktop inputs before anything runs', async () => {
    const { ipcMain, ourFrame, revealed } = wiredIpc();
    const dir = tempDir();
    expect(await ipcMain.invoke('dailies:reveal-in-folder', ourFrame, { path: 5 })).toMatchObject({
      ok: false,
      error: { code: 'E_VALIDATION' },
    });
    expect(
      await ipcMain.invoke('dailies:reveal-in-folder', ourFrame, { path: 'relative/clip.mov' }),
    ).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(
      await ipcMain.invoke('dailies:reveal-in-folder', ourFrame, {
        path: path.join(dir, 'gone.mov'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'E_FILE_MISSING' } });
    expect(await ipcMain.invoke('dailies:reveal-in-folder', ourFrame, { path: dir })).toEqual({
      ok: true,
      value: { revealed: true },
    });
    expect(revealed).toEqual([dir]);
  });

  it('connects the asking page to the engine', async () => {
    const { ipcMain, ourFrame, connected } = wiredIpc();
    expect(await ipcMain.invoke('dailies:engine-connect', ourFrame, {})).toEqual({
      ok: true,
      value: { connected: true },
    });
    expect(connected).toEqual([{ id: 7 }]);
  });

  it('serves only files inside the built renderer from dailies-app://', () => {
    const dir = '/opt/dailies/out/renderer';
    expect(resolveRendererFile(dir, 'dailies-app://app/')).toBe(`${dir}/index.html`);
    expect(resolveRendererFile(dir, 'dailies-app://app/assets/index.js')).toBe(
      `${dir}/assets/index.js`,
    );
    // Dot segments are resolved by the URL parser and stay inside; encoded slashes must not escape.
    expect(resolveRendererFile(dir, 'dailies-app://app/%2e%2e/%2e%2e/etc/passwd')).toBe(
      `${dir}/etc/passwd`,
    );
    expect(resolveRendererFile(dir, 'dailies-app://app/..%2F..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveRendererFile(dir, 'dailies-app://app/%2E%2E%5C..%5Csecret')).toBeNull();
    expect(resolveRendererFile(dir, 'dailies-app://elsewhere/index.html')).toBeNull();
    expect(resolveRendererFile(dir, 'file:///etc/passwd')).toBeNull();
  });
});

describe('serve-contract-port over a real MessageChannel', () => {
  const ports: MessagePort[] = [];
  afterEach(() => {
    for (const port of ports.splice(0)) port.close();
  });

  function serve() {
    const engine = testEngine({ host: 'electron' });
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    const received: WireMessage[] = [];
    port2.on('message', (message: WireMessage) => received.push(message));
    const served = serveContractPort(fromMessagePortMain(nodePortAsMain(port1)), engine, {
      greeting: { kind: 'event', name: 'engine.ready', payload: { dataDir: engine.dataDir } },
    });
    const responseTo = async (id: number) => {
      await until(() => received.some((m) => m.kind === 'response' && m.id === id), `reply ${id}`);
      return received.find((m) => m.kind === 'response' && m.id === id);
    };
    return { engine, renderer: port2, received, served, responseTo };
  }

  it('answers a request under its id with the engine result', async () => {
    const { engine, renderer, responseTo } = serve();
    renderer.postMessage({ kind: 'request', id: 41, method: 'app.info', input: {} });
    expect(await responseTo(41)).toMatchObject({
      kind: 'response',
      result: { ok: true, value: { name: 'Dailies', host: 'electron', dataDir: engine.dataDir } },
    });
  });

  it('returns validation failures and unreadable requests as error values', async () => {
    const { renderer, responseTo } = serve();
    renderer.postMessage({
      kind: 'request',
      id: 1,
      method: 'settings.set',
      input: { theme: 'neon' },
    });
    renderer.postMessage({ kind: 'request', id: 2, method: 'no.such', input: {} });
    renderer.postMessage({ kind: 'request', id: 3, method: 42 });
    expect(await responseTo(1)).toMatchObject({
      result: { ok: false, error: { code: 'E_VALIDATION', retryable: false } },
    });
    expect(await responseTo(2)).toMatchObject({
      result: { ok: false, error: { code: 'E_UNKNOWN_METHOD' } },
    });
    expect(await responseTo(3)).toMatchObject({
      result: { ok: false, error: { code: 'E_VALIDATION' } },
    });
  });

  it('greets the page and forwards engine events', async () => {
    const { engine, renderer, received, responseTo } = serve();
    renderer.postMessage({
      kind: 'request',
      id: 5,
      method: 'settings.set',
      input: { theme: 'dark' },
    });
    await responseTo(5);
    await until(
      () => received.some((m) => m.kind === 'event' && m.name === 'settings.changed'),
      'event',
    );
    expect(received[0]).toEqual({
      kind: 'event',
      name: 'engine.ready',
      payload: { dataDir: engine.dataDir },
    });
    expect(received).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        name: 'settings.changed',
        payload: expect.objectContaining({ theme: 'dark' }),
      }),
    );
  });

  it('stops forwarding and closes the port when disposed', async () => {
    const { renderer, received, served, responseTo } = serve();
    let closed = false;
    renderer.on('close', () => {
      closed = true;
    });
    renderer.postMessage({ kind: 'request', id: 9, method: 'settings.get', input: {} });
    await responseTo(9);
    served.dispose();
    await until(() => closed, 'the page end to see the port close');
    const count = received.length;
    expect(count).toBeGreaterThan(0);
  });

  it('lets go of the engine when the page end closes', async () => {
    const { engine, renderer } = serve();
    let events = 0;
    const unsubscribe = engine.subscribe(() => {
      events += 1;
    });
    renderer.close();
    // After the page is gone the served port no longer forwards (nor throws) on events.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await engine.dispatch('settings.set', { theme: 'light' });
    expect(result.ok).toBe(true);
    expect(events).toBe(1);
    unsubscribe();
  });
});
