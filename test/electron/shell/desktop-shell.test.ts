import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, type Settings, type SyncOverview } from '../../../src/shared/contract';
import { desktopCommandChannel } from '../../../src/shared/desktop-commands';
import { enginePortChannel } from '../../../src/shared/desktop-ipc';
import type { RendererTarget } from '../../../src/main/engine-host/engine-supervisor';
import { nodePortAsMain, until } from '../fake-electron';
import { emptyOverview } from '../../../src/shared/queue-signals';

/**
 * The whole desktop shell (menu, taskbar, badge, power-save, notifications, quit question,
 * auto-update) with Electron and electron-updater faked at their API boundary, following a
 * stand-in engine over a real MessageChannel: what the editor notices when the queue moves.
 */
const fake = vi.hoisted(() => {
  const state = {
    badges: [] as number[],
    bars: [] as Array<[number, unknown]>,
    blockers: new Set<number>(),
    nextBlocker: 1,
    notifications: [] as Array<{ title: string; click(): void }>,
    menus: 0,
    quits: 0,
    answer: 1,
    asked: [] as string[],
    updateChecks: 0,
    installed: 0,
    updaterListeners: new Map<string, (value: unknown) => void>(),
    sent: [] as unknown[],
  };
  const electron = {
    app: {
      isPackaged: true,
      name: 'Dailies',
      quit: () => void (state.quits += 1),
      setBadgeCount: (count: number) => state.badges.push(count) > 0,
    },
    dialog: {
      showMessageBox: (...args: unknown[]) => {
        const options = args.at(-1) as { message: string };
        state.asked.push(options.message);
        return Promise.resolve({ response: state.answer });
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: () => void (state.menus += 1),
    },
    Notification: class {
      static isSupported = () => true;
      #click: () => void = () => undefined;
      constructor(readonly options: { title: string }) {}
      on(event: string, listener: () => void) {
        if (event === 'click') this.#click = listener;
        return this;
      }
      show() {
        state.notifications.push({ title: this.options.title, click: () => this.#click() });
      }
    },
    powerSaveBlocker: {
      start: () => {
        state.blockers.add(state.nextBlocker);
        return state.nextBlocker++;
      },
      stop: (id: number) => void state.blockers.delete(id),
      isStarted: (id: number) => state.blockers.has(id),
    },
    shell: { openExternal: () => Promise.resolve() },
  };
  const autoUpdater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    on: (event: string, listener: (value: unknown) => void) =>
      state.updaterListeners.set(event, listener),
    checkForUpdates: () => {
      state.updateChecks += 1;
      return Promise.resolve(null);
    },
    quitAndInstall: () => void (state.installed += 1),
  };
  return { state, electron, autoUpdater };
});
vi.mock('electron', () => fake.electron);
vi.mock('electron-updater', () => ({ default: { autoUpdater: fake.autoUpdater } }));
const { startDesktopShell } = await import('../../../src/main/shell/desktop-shell');

const idle = emptyOverview;
const uploading: SyncOverview = { ...idle, running: 1, queued: 1, bytesSent: 40, bytesTotal: 100 };

/** A stand-in engine on the far end of main's port: answers two calls, sends events. */
function standInEngine(settings: Settings, overview: SyncOverview) {
  let port: MessagePort | null = null;
  const stopped = { value: false };
  const supervisor = {
    connect(target: RendererTarget) {
      const channel = new MessageChannel();
      port = channel.port2;
      port.on('message', (message: { kind: string; id: number; method: string }) => {
        if (message.kind !== 'request') return;
        const value = message.method === 'settings.get' ? settings : overview;
        port?.postMessage({ kind: 'response', id: message.id, result: { ok: true, value } });
      });
      target.postMessage(enginePortChannel, undefined, [nodePortAsMain(channel.port1)] as never);
    },
    stop: () => {
      stopped.value = true;
      port?.close();
      return Promise.resolve();
    },
  };
  const emit = (name: string, payload: unknown) =>
    port?.postMessage({ kind: 'event', name, payload });
  return { supervisor, emit, stopped };
}

function start(settings: Partial<Settings> = {}, overview = idle) {
  const engine = standInEngine({ ...defaultSettings, ...settings }, overview);
  const window = {
    isDestroyed: () => false,
    isMinimized: () => false,
    restore: () => undefined,
    show: () => undefined,
    focus: () => undefined,
    setProgressBar: (progress: number, options?: unknown) =>
      void fake.state.bars.push([progress, options]),
    webContents: { send: (_channel: string, command: unknown) => fake.state.sent.push(command) },
  };
  const shell = startDesktopShell({
    supervisor: engine.supervisor as never,
    window: () => window as never,
    openWindow: () => undefined,
    log: () => undefined,
  });
  shell.ready();
  return { shell, engine };
}

const quit = (shell: ReturnType<typeof startDesktopShell>) => {
  const event = { prevented: false, preventDefault: () => (event.prevented = true) };
  shell.beforeQuit(event);
  return event.prevented;
};

afterEach(() => {
  const { state } = fake;
  Object.assign(state, { badges: [], bars: [], notifications: [], asked: [], sent: [] });
  Object.assign(state, { quits: 0, answer: 1, updateChecks: 0, installed: 0 });
  state.blockers.clear();
  delete process.env.APPIMAGE;
});

describe('the desktop shell following the queue', () => {
  it('holds off sleep, shows progress and badge while uploads run, then notifies when done', async () => {
    const { engine } = start({}, uploading);
    await until(() => fake.state.blockers.size === 1, 'the power-save hold');
    expect(fake.state.bars.at(-1)).toEqual([0.4, { mode: 'normal' }]);
    expect(fake.state.menus).toBeGreaterThan(0);

    engine.emit('job.changed', { ...jobDone });
    engine.emit('sync.overview', { ...idle, failed: 1 });
    await until(() => fake.state.notifications.length >= 2, 'the notifications');
    expect(fake.state.blockers.size).toBe(0);
    expect(fake.state.bars.at(-1)).toEqual([-1, undefined]);
    expect(fake.state.badges.at(-1)).toBe(1);
    expect(fake.state.notifications.map((n) => n.title)).toEqual([
      'Uploads finished',
      'Uploads need your attention',
    ]);
    // A click brings the window forward on the queue.
    fake.state.notifications[1]?.click();
    expect(fake.state.sent.at(-1)).toEqual({ command: 'show-view', view: 'queue' });
    expect(desktopCommandChannel).toBe('dailies:command');
  });

  it('stays silent when the editor turned notifications off', async () => {
    const { engine } = start({ desktopNotifications: false }, uploading);
    await until(() => fake.state.blockers.size === 1, 'the power-save hold');
    engine.emit('sync.overview', { ...idle, failed: 2 });
    await until(() => fake.state.badges.at(-1) === 2, 'the badge');
    expect(fake.state.notifications).toEqual([]);
  });

  it('asks before quitting while uploads run, and disposes the engine either way', async () => {
    const { shell, engine } = start({}, uploading);
    await until(() => fake.state.blockers.size === 1, 'the queue');
    fake.state.answer = 1; // Keep Dailies Open
    expect(quit(shell)).toBe(true);
    await until(() => fake.state.asked.length === 1, 'the question');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.stopped.value).toBe(false);
    expect(fake.state.quits).toBe(0);
    fake.state.answer = 0; // Quit
    expect(quit(shell)).toBe(true);
    await until(() => fake.state.quits === 1, 'the quit');
    expect(engine.stopped.value).toBe(true);
    expect(fake.state.blockers.size).toBe(0);
    expect(quit(shell)).toBe(false);
  });
});

describe('auto-update in the shell', () => {
  it('never asks the release server when the editor turned it off, not even at launch', async () => {
    process.env.APPIMAGE = '/opt/Dailies.AppImage';
    start({ autoUpdate: false });
    await until(() => fake.state.menus > 0 && fake.state.badges.length > 0, 'the shell');
    expect(fake.state.updateChecks).toBe(0);
  });

  it('looks once the setting is known, and restarting during uploads asks first', async () => {
    process.env.APPIMAGE = '/opt/Dailies.AppImage';
    const { shell } = start({}, uploading);
    await until(() => fake.state.updateChecks === 1, 'the update check');
    // The window's button before anything is downloaded: nothing happens.
    expect(await shell.restartToUpdate()).toBe(false);
    fake.state.updaterListeners.get('update-downloaded')?.({ version: '9.9.9' });
    expect(fake.state.notifications.at(-1)?.title).toBe('Dailies 9.9.9 is ready');
    // The window says so too, and again after it reloads.
    expect(fake.state.sent.at(-1)).toEqual({ command: 'update-ready', version: '9.9.9' });
    fake.state.sent.length = 0;
    shell.windowLoaded();
    expect(fake.state.sent).toEqual([{ command: 'update-ready', version: '9.9.9' }]);
    // Restart to Update, from the menu: uploads run, so the editor is asked; "Later" wins.
    fake.state.answer = 1;
    await restartFromMenu();
    expect(fake.state.asked.at(-1)).toMatch(/Restart to update now/);
    expect(fake.state.installed).toBe(0);
    // The window's button asks the same question.
    expect(await shell.restartToUpdate()).toBe(true);
    expect(fake.state.asked).toHaveLength(2);
    expect(fake.state.installed).toBe(0);
    fake.state.answer = 0;
    await restartFromMenu();
    expect(fake.state.installed).toBe(1);
    // The editor agreed: quitting for the install does not ask a second time.
    expect(quit(shell)).toBe(true);
    await until(() => fake.state.quits === 1, 'the quit');
    expect(fake.state.asked.filter((m) => m.startsWith('Uploads are running. Quit'))).toEqual([]);
  });
});

const at = '2026-12-01T10:00:00.000Z';
const jobDone = {
  id: 1,
  kind: 'sync',
  spec: { kind: 'sync', assetId: 7, profileId: 'main' },
  state: 'done',
  priority: 0,
  attempts: 1,
  progress: 100,
  error: null,
  runAfter: null,
  createdAt: at,
  startedAt: at,
  updatedAt: at,
  finishedAt: at,
};

/** Clicks "Restart to Update" in the menu the shell last set. */
async function restartFromMenu(): Promise<void> {
  const template = lastMenu();
  const walk = (items: MenuItem[]): MenuItem | undefined =>
    items
      .flatMap((item) => [item, ...(Array.isArray(item.submenu) ? item.submenu : [])])
      .find((item) => item.label?.startsWith('Restart to Update'));
  const item = walk(template);
  if (!item?.click) throw new Error('no Restart to Update item');
  item.click();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
interface MenuItem {
  label?: string;
  click?: () => void;
  submenu?: MenuItem[];
}
function lastMenu(): MenuItem[] {
  return menuSpy.mock.calls.at(-1)?.[0] as MenuItem[];
}
const menuSpy = vi.spyOn(fake.electron.Menu, 'buildFromTemplate');
