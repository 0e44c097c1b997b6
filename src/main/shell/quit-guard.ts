export interface QuitGuardDeps {
  uploadsRunning(): boolean;
  /** Asks the editor; true to quit anyway. */
  confirmQuitDuringUploads(): Promise<boolean>;
  /** Closes the engine (catalog, lock); its queue resumes at the next launch. */
  stopEngine(): Promise<void>;
  quit(): void;
  log(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The app's 'before-quit': asks first when uploads run, then always disposes the engine
 * before letting the app go. `force()` is for a quit the editor already agreed to (restart
 * to update after the same question).
 */
export function createQuitGuard(deps: QuitGuardDeps): {
  beforeQuit(event: { preventDefault(): void }): void;
  force(): void;
} {
  let phase: 'open' | 'asking' | 'stopping' | 'stopped' = 'open';
  let agreed = false;

  const stop = (): void => {
    phase = 'stopping';
    void deps
      .stopEngine()
      .catch((error: unknown) => deps.log('engine did not stop cleanly', { error: String(error) }))
      .finally(() => {
        phase = 'stopped';
        deps.quit();
      });
  };

  return {
    beforeQuit(event) {
      if (phase === 'stopped') return;
      event.preventDefault();
      if (phase !== 'open') return;
      if (agreed || !deps.uploadsRunning()) {
        stop();
        return;
      }
      phase = 'asking';
      void deps.confirmQuitDuringUploads().then(
        (quit) => {
          if (quit) stop();
          else phase = 'open';
        },
        () => {
          phase = 'open';
        },
      );
    },
    force() {
      agreed = true;
    },
  };
}
