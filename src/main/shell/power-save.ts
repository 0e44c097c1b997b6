import type { PowerSaveBlocker } from 'electron';

/**
 * Keeps the computer from sleeping while uploads run ('prevent-app-suspension': the screen
 * may still turn off) and lets it sleep again when the queue is idle, paused or held.
 */
export function createPowerSaveHold(
  blocker: Pick<PowerSaveBlocker, 'start' | 'stop' | 'isStarted'>,
): { set(active: boolean): void; release(): void } {
  let id: number | null = null;
  const release = (): void => {
    if (id !== null && blocker.isStarted(id)) blocker.stop(id);
    id = null;
  };
  return {
    set(active) {
      if (active && id === null) id = blocker.start('prevent-app-suspension');
      else if (!active) release();
    },
    release,
  };
}
