import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createAppUrlCheck } from '../../src/main/ipc/trusted-frame';
import { appOrigin } from '../../src/main/window/app-protocol';
import { hardenWebContents } from '../../src/main/window/harden-web-contents';
import { hardenSession } from '../../src/main/window/harden-session';

/** The BrowserWindow options the window module built, captured by a stand-in class. */
const created: Array<{ webPreferences?: Record<string, unknown> }> = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    webContents = {};
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      created.push(options);
    }
    once(): void {}
    loadURL(): Promise<void> {
      return Promise.resolve();
    }
  },
}));
const { createMainWindow } = await import('../../src/main/window/create-main-window');

type Listener = (...args: unknown[]) => void;

/** webContents as far as hardening touches it: records listeners, fires them like Electron. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
      return this;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
    /** Fires `event` the way Electron does; true when the handler cancelled it. */
    fire(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      const electronEvent = { preventDefault: () => (prevented = true), url: args[0] };
      const listener = listeners.get(event);
      if (!listener) throw new Error(`nothing listens to ${event}`);
      listener(electronEvent, ...args);
      return prevented;
    },
    open: (url: string) => openHandler?.({ url }).action,
  };
}

describe('every page the app creates', () => {
  const isAppUrl = createAppUrlCheck([appOrigin]);

  it('stays on the app: navigation of any frame, redirects, webviews and new windows are refused', () => {
    const contents = fakeContents();
    const log: string[] = [];
    hardenWebContents(
      contents as unknown as Parameters<typeof hardenWebContents>[0],
      isAppUrl,
      (message) => log.push(message),
    );
    expect(contents.fire('will-navigate', `${appOrigin}/index.html`)).toBe(false);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    // An injected iframe leaving the origin: will-navigate never sees it, this does.
    expect(contents.fire('will-frame-navigate', 'https://evil.example/frame')).toBe(true);
    expect(contents.fire('will-frame-navigate', `${appOrigin}/index.html`)).toBe(false);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.open('https://evil.example/')).toBe('deny');
    expect(contents.open(`${appOrigin}/index.html`)).toBe('deny');
    expect(log).toContain('blocked frame navigation');
  });

  it('refuses every permission the page could ask for', () => {
    const handlers: {
      permission?: (contents: unknown, name: string, done: (ok: boolean) => void) => void;
      check?: () => boolean;
      device?: () => boolean;
    } = {};
    hardenSession(
      {
        webRequest: { onHeadersReceived: () => undefined },
        setPermissionRequestHandler: (handler: typeof handlers.permission) =>
          (handlers.permission = handler),
        setPermissionCheckHandler: (handler: typeof handlers.check) => (handlers.check = handler),
        setDevicePermissionHandler: (handler: typeof handlers.device) =>
          (handlers.device = handler),
      } as unknown as Parameters<typeof hardenSession>[0],
      "default-src 'self'",
    );
    const answers: boolean[] = [];
    for (const name of ['notifications', 'media', 'geolocation', 'clipboard-read'])
      handlers.permission?.(null, name, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(handlers.check?.()).toBe(false);
    expect(handlers.device?.()).toBe(false);
  });
});

describe('the main window', () => {
  const open = (devTools: boolean) => {
    createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      url: `${appOrigin}/index.html`,
      state: { width: 1280, height: 800, maximized: false },
      devTools,
    });
    return created.at(-1)?.webPreferences;
  };

  it('has no DevTools in a packaged build (index.ts passes devTools: !app.isPackaged)', () => {
    const main = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../src/main/index.ts'),
      'utf8',
    );
    expect(main).toContain('devTools: !app.isPackaged');
    expect(open(false)).toMatchObject({ devTools: false });
    expect(open(true)).toMatchObject({ devTools: true });
  });

  it('is sandboxed and isolated, with no Node, whatever the build', () => {
    expect(open(false)).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});
