import fs from 'node:fs';
import {
  app,
  dialog,
  Menu,
  Notification,
  powerSaveBlocker,
  shell,
  type BrowserWindow,
} from 'electron';
import electronUpdater from 'electron-updater';
import { createApiClient, type SyncOverview } from '../../shared/contract';
import { desktopCommandChannel, type DesktopCommand } from '../../shared/desktop-commands';
import { queueFollower, uploadsActive } from '../../shared/queue-signals';
import type { EngineSupervisor } from '../engine-host/engine-supervisor';
import { appMenuTemplate } from './app-menu';
import { createAutoUpdate } from './auto-update';
import { createMainEngineClient } from './engine-client';
import { createOpenPathsQueue } from './open-paths';
import { createNotifier } from './os-notifications';
import { createPowerSaveHold } from './power-save';
import { createQuitGuard } from './quit-guard';
import { showQueueOnTaskbar } from './taskbar-progress';
import { shouldCheckForUpdates } from './update-decisions';

/** Not a webContents id (those start at 1): main's own engine connection. */
const MAIN_CLIENT_ID = -1;
const HELP_URL = 'https://github.com/dailies-app/dailies#readme';

export interface DesktopShellDeps {
  supervisor: EngineSupervisor;
  window(): BrowserWindow | null;
  openWindow(): void;
  log(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Everything the desktop adds around the window: the application menu, taskbar progress and
 * badge, the power-save hold, notifications, the quit question, files opened with Dailies
 * and auto-update. It follows the upload queue over its own engine connection.
 */
export function startDesktopShell(deps: DesktopShellDeps) {
  const client = createMainEngineClient(MAIN_CLIENT_ID);
  const api = createApiClient(client.transport);
  let overview: SyncOverview | null = null;
  const queue = queueFollower();
  let notificationsOn = true;
  let updatesOn = true;

  const send = (command: DesktopCommand): void => {
    const window = deps.window();
    if (!window || window.isDestroyed()) {
      deps.openWindow();
      return;
    }
    window.webContents.send(desktopCommandChannel, command);
  };
  /** Only to a window that is open: nothing here is worth opening one for. */
  const tell = (command: DesktopCommand): void => {
    const window = deps.window();
    if (window && !window.isDestroyed()) window.webContents.send(desktopCommandChannel, command);
  };
  const bringForward = (): void => {
    const window = deps.window();
    if (!window) return deps.openWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const powerSave = createPowerSaveHold(powerSaveBlocker);
  const notifier = createNotifier({
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
    enabled: () => notificationsOn,
    open: (view) => {
      bringForward();
      send({ command: 'show-view', view });
    },
  });
  const openPaths = createOpenPathsQueue({
    send: (paths) => {
      bringForward();
      send({ command: 'ingest-paths', paths });
    },
    schedule: (run, delayMs) => void setTimeout(run, delayMs),
  });

  const quitGuard = createQuitGuard({
    uploadsRunning: () => uploadsActive(overview),
    confirmQuitDuringUploads: async () => {
      const options = {
        type: 'question' as const,
        buttons: ['Quit', 'Keep Dailies Open'],
        defaultId: 1,
        cancelId: 1,
        message: 'Uploads are running. Quit Dailies anyway?',
        detail:
          'The uploads stop now and carry on where they left off the next time you open Dailies.',
      };
      const window = deps.window();
      const answer = window
        ? await dialog.showMessageBox(window, options)
        : await dialog.showMessageBox(options);
      // Windows and Linux quit after the last window closed: staying open needs one again.
      if (answer.response !== 0 && !deps.window()) deps.openWindow();
      return answer.response === 0;
    },
    stopEngine: async () => {
      powerSave.release();
      client.close();
      await deps.supervisor.stop();
    },
    quit: () => app.quit(),
    log: deps.log,
  });

  const updates = createAutoUpdate({
    updater: electronUpdater.autoUpdater,
    shouldCheck: () =>
      shouldCheckForUpdates({
        isPackaged: app.isPackaged,
        enabled: updatesOn,
        platform: process.platform,
        appImage: process.env.APPIMAGE,
      }),
    uploadsRunning: () => uploadsActive(overview),
    confirmRestartDuringUploads: async () => {
      const answer = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Restart Now', 'Later'],
        defaultId: 1,
        cancelId: 1,
        message: 'Uploads are running. Restart to update now?',
        detail: 'The uploads stop now and carry on after the restart.',
      });
      return answer.response === 0;
    },
    offer: (version) => {
      refreshMenu();
      tell({ command: 'update-ready', version });
      notifier.show({
        kind: 'attention',
        title: `Dailies ${version} is ready`,
        body: 'Choose "Restart to Update" in the menu, or it installs when you quit.',
        view: 'library',
      });
    },
    agreeToQuit: () => quitGuard.force(),
    schedule: (run, delayMs) => void setTimeout(run, delayMs).unref(),
    log: deps.log,
  });

  function refreshMenu(): void {
    const ready = updates.readyVersion();
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          appName: app.name,
          isPackaged: app.isPackaged,
          send,
          openHelp: () => void shell.openExternal(HELP_URL),
          update: ready
            ? { label: `Restart to Update (${ready})`, run: () => void updates.restartToUpdate() }
            : null,
        }),
      ),
    );
  }

  const followQueue = (next: SyncOverview): void => {
    for (const notice of queue.overview(next)) notifier.show(notice);
    overview = next;
    powerSave.set(uploadsActive(next));
    showQueueOnTaskbar(deps.window(), app, next);
  };

  api.subscribe('sync.overview', followQueue);
  api.subscribe('job.changed', (job) => {
    if (job.kind === 'sync' && job.state === 'done') queue.jobDone();
  });
  api.subscribe('settings.changed', (settings) => {
    notificationsOn = settings.desktopNotifications;
    updatesOn = settings.autoUpdate;
  });
  let updatesStarted = false;
  client.onConnected(() => {
    void api.invoke('settings.get', {}).then(
      (settings) => {
        notificationsOn = settings.desktopNotifications;
        updatesOn = settings.autoUpdate;
        // The first look for updates waits for the editor's setting: with auto-update off,
        // Dailies never asks the release server, not even once at launch.
        if (!updatesStarted) {
          updatesStarted = true;
          updates.start();
        }
      },
      () => undefined,
    );
    void api.invoke('sync.overview', {}).then(followQueue, () => undefined);
  });

  return {
    /** Call once the app is ready and the supervisor started. */
    ready(): void {
      refreshMenu();
      deps.supervisor.connect(client.target);
    },
    beforeQuit: quitGuard.beforeQuit,
    /** The window's Restart to Update: the same as the menu item. */
    async restartToUpdate(): Promise<boolean> {
      if (updates.readyVersion() === null) return false;
      await updates.restartToUpdate();
      return true;
    },
    /** A window finished loading (or went away): files opened with Dailies can go to it. */
    windowLoaded: () => {
      openPaths.windowReady();
      // A window opened (or reloaded) after the download still says an update is ready.
      const ready = updates.readyVersion();
      if (ready) tell({ command: 'update-ready', version: ready });
    },
    windowClosed: () => openPaths.windowGone(),
    openPaths: (paths: readonly string[]) => openPaths.add(paths.filter(exists)),
  };
}

function exists(candidate: string): boolean {
  return fs.existsSync(candidate);
}
