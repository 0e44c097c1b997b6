/**
 * The Electron main process: app lifecycle, the window, the engine's utility process and
 * the desktop-only IPC. Deliberately thin: everything the product does lives in the engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  protocol,
  screen,
  session,
  shell,
  utilityProcess,
  type WebContents,
} from 'electron';
import { contentSecurityPolicy } from '../shared/csp';
import { MEDIA_SCHEME, STILLS_DIR } from '../shared/media-urls';
import { resolveAppPaths } from './app-paths';
import { proxyEnvFromSystem } from './system-proxy';
import { configArg } from './engine-host/engine-process-protocol';
import { EngineSupervisor } from './engine-host/engine-supervisor';
import { ToolSpawnerHost } from './engine-host/tool-spawner-host';
import { toolEnvironment } from '../engine/media/tool-environment';
import { createDesktopHandlers } from './ipc/desktop-handlers';
import { registerDesktopIpc } from './ipc/register-desktop-ipc';
import { createAppUrlCheck, createTrustedFrameCheck } from './ipc/trusted-frame';
import {
  appEntryUrl,
  appOrigin,
  appScheme,
  appSchemePrivileges,
  createAppProtocolHandler,
} from './window/app-protocol';
import { startDesktopShell } from './shell/desktop-shell';
import { pathsFromArgv } from './shell/open-paths';
import {
  keepOnScreen,
  placeOnScreen,
  readWindowState,
  trackWindowState,
  writeWindowState,
} from './shell/window-state';
import { createMainWindow } from './window/create-main-window';
import { createMediaProtocolHandler, mediaSchemePrivileges } from './window/media-protocol';
import { devContentSecurityPolicy, hardenSession } from './window/harden-session';
import { hardenWebContents } from './window/harden-web-contents';

// An empty ELECTRON_RENDERER_URL (a launcher clearing an inherited one) means no dev server.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
const log = (message: string, fields?: Record<string, unknown>): void =>
  console.log(JSON.stringify({ scope: 'main', message, ...fields }));

// Must happen before 'ready': the renderer's origin is dailies-app://app; stills come from
// dailies-media://assets/ (the engine's data dir).
protocol.registerSchemesAsPrivileged([appSchemePrivileges, mediaSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  // Another Dailies owns the data folder; it focuses its window (second-instance) instead.
  app.quit();
} else {
  start();
}

function start(): void {
  const paths = resolveAppPaths({
    mainDir: import.meta.dirname,
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  const appOrigins = devServerUrl ? [appOrigin, new URL(devServerUrl).origin] : [appOrigin];
  const isAppUrl = createAppUrlCheck(appOrigins);
  let mainWindow: BrowserWindow | null = null;
  // Filled from the OS proxy settings once the app is ready, before the engine first starts.
  let systemProxyEnv: Record<string, string> = {};

  // ffmpeg/ffprobe start from this small process, not by forking the engine's large one.
  const toolSpawner = new ToolSpawnerHost({
    fork: () =>
      utilityProcess.fork(paths.toolSpawner, [], {
        serviceName: 'Dailies tool spawner',
        stdio: 'ignore',
        env: toolEnvironment(process.env),
      }),
    createChannel: () => new MessageChannelMain(),
    log: (message, fields) => log(message, { scope: 'tool-spawner', ...fields }),
  });

  const supervisor = new EngineSupervisor({
    toolSpawner,
    fork: () =>
      utilityProcess.fork(
        paths.engineProcess,
        [
          configArg({
            dataDir: app.getPath('userData'),
            migrationsDir: paths.migrationsDir,
            version: app.getVersion(),
          }),
        ],
        {
          serviceName: 'Dailies engine',
          stdio: 'inherit',
          env: { ...process.env, ...systemProxyEnv },
        },
      ),
    createChannel: () => new MessageChannelMain(),
    now: () => Date.now(),
    schedule: (run, delayMs) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
    log: (message, fields) => log(message, { scope: 'engine-supervisor', ...fields }),
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, log));

  const windowStateFile = path.join(app.getPath('userData'), 'window-state.json');
  const openWindow = (): void => {
    const primary = screen.getPrimaryDisplay().workArea;
    const state = placeOnScreen(
      readWindowState(windowStateFile),
      screen.getAllDisplays().map((display) => display.workArea),
      primary,
    );
    const window = createMainWindow({
      preloadPath: paths.preload,
      url: devServerUrl ?? appEntryUrl,
      state,
      devTools: !app.isPackaged,
      ...(paths.icon ? { iconPath: paths.icon } : {}),
    });
    mainWindow = window;
    trackWindowState(window, (next) => {
      try {
        writeWindowState(windowStateFile, next);
      } catch (error) {
        log('could not remember the window', { error: String(error) });
      }
    });
    const contents = window.webContents;
    const id = contents.id;
    contents.on('did-finish-load', () => desktop.windowLoaded());
    contents.once('destroyed', () => supervisor.disconnect(id));
    window.on('closed', () => {
      mainWindow = null;
      desktop.windowClosed();
    });
  };

  const desktop = startDesktopShell({
    supervisor,
    window: () => mainWindow,
    openWindow,
    log,
  });
  const argvPaths = (argv: readonly string[], cwd: string): string[] =>
    pathsFromArgv(argv, { cwd, isPackaged: app.isPackaged, exists: fs.existsSync });
  desktop.openPaths(argvPaths(process.argv, process.cwd()));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    // "Open with Dailies" while Dailies runs: the new launch hands its paths over and quits.
    desktop.openPaths(argvPaths(argv, workingDirectory));
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // macOS: files dropped on the dock icon or opened with Dailies (may come before 'ready').
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    desktop.openPaths([filePath]);
  });

  void app.whenReady().then(async () => {
    // Any https URL will do: the answer is the proxy the OS would use for the internet.
    systemProxyEnv = proxyEnvFromSystem(
      await session.defaultSession.resolveProxy('https://example.com/').catch(() => 'DIRECT'),
      process.env,
    );
    if (Object.keys(systemProxyEnv).length > 0) log('using the system proxy', systemProxyEnv);
    const policy = devServerUrl
      ? devContentSecurityPolicy(contentSecurityPolicy)
      : contentSecurityPolicy;
    hardenSession(session.defaultSession, policy);
    protocol.handle(appScheme, createAppProtocolHandler(paths.rendererDir, policy));
    // The engine process writes stills under the same data dir it is given below.
    protocol.handle(
      MEDIA_SCHEME,
      createMediaProtocolHandler(path.join(app.getPath('userData'), STILLS_DIR)),
    );

    const isTrustedFrame = createTrustedFrameCheck({
      windows: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
      isAppUrl,
    });
    registerDesktopIpc<WebContents>({
      ipcMain,
      isTrustedFrame,
      log,
      handlers: createDesktopHandlers<WebContents>({
        showOpenDialog: (sender, options) => {
          const owner = BrowserWindow.fromWebContents(sender);
          return owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options);
        },
        showItemInFolder: (fullPath) => shell.showItemInFolder(path.normalize(fullPath)),
        connectEngine: (sender) => supervisor.connect(sender),
        restartToUpdate: () => desktop.restartToUpdate(),
      }),
    });

    supervisor.start();
    desktop.ready();
    openWindow();
    // A monitor unplugged while Dailies runs: the window comes back onto a screen.
    keepOnScreen(() => mainWindow, screen);

    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open opens one again.
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Asks first while uploads run; either way the engine closes its catalog and releases its
  // lock before the app goes, and its queue resumes at the next launch.
  app.on('before-quit', (event) => desktop.beforeQuit(event));
}
