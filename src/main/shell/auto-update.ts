import { installDecision } from './update-decisions';

/** electron-updater's autoUpdater, as far as Dailies uses it. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

export interface AutoUpdateDeps {
  updater: UpdaterLike;
  /** shouldCheckForUpdates(...) with the current setting. */
  shouldCheck(): boolean;
  uploadsRunning(): boolean;
  /** "Uploads are running; restart now?" true to restart. */
  confirmRestartDuringUploads(): Promise<boolean>;
  /** An update is downloaded: offer "Restart to Update" (menu item, notification). */
  offer(version: string): void;
  /** The editor agreed to quit: the quit guard must not ask again. */
  agreeToQuit(): void;
  schedule(run: () => void, delayMs: number): void;
  log(message: string, fields?: Record<string, unknown>): void;
}

const RECHECK_MS = 6 * 60 * 60 * 1000;

/**
 * Looks for new versions at launch and every few hours, downloads them in the background,
 * and offers "Restart to Update". It never restarts by itself: an update not installed by
 * the editor waits until they quit (then electron-updater installs it on the way out).
 */
export function createAutoUpdate(deps: AutoUpdateDeps): {
  start(): void;
  restartToUpdate(): Promise<void>;
  readyVersion(): string | null;
} {
  let ready: string | null = null;
  deps.updater.autoDownload = true;
  deps.updater.autoInstallOnAppQuit = true;
  deps.updater.on('update-downloaded', (info) => {
    ready = info.version;
    deps.log('update downloaded', { version: info.version });
    deps.offer(info.version);
  });
  deps.updater.on('error', (error) => deps.log('update check failed', { error: error.message }));

  const check = (): void => {
    if (deps.shouldCheck() && ready === null) {
      deps.updater.checkForUpdates().catch((error: unknown) => {
        deps.log('update check failed', { error: String(error) });
      });
    }
    deps.schedule(check, RECHECK_MS);
  };

  return {
    start: check,
    readyVersion: () => ready,
    async restartToUpdate() {
      const decision = installDecision({
        downloaded: ready !== null,
        editorAsked: true,
        uploadsRunning: deps.uploadsRunning(),
      });
      if (decision === 'wait') return;
      if (decision === 'ask-first' && !(await deps.confirmRestartDuringUploads())) return;
      deps.agreeToQuit();
      deps.updater.quitAndInstall();
    },
  };
}
