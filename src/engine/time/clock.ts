import { dailiesError } from '../../shared/contract/errors';

/**
 * The engine's one source of time and chance. `createEngine` makes it once and hands it to
 * every service that stamps, measures, waits or jitters, so a test can freeze, move or drive
 * time (and fix the dice) for the whole engine without waiting. Only `src/engine/time` reads
 * the system clock (lint: dailies/clock).
 */
export interface Clock {
  /** Milliseconds since the epoch: a number, so nothing can mutate a shared instant. */
  now(): number;
  /** Waits `ms`; rejects with E_CANCELLED when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1): the jitter of retries. */
  random(): number;
}

/** The real sleep: a timer that an abort clears at once. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () => dailiesError('E_CANCELLED', 'The step was cancelled.');
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: sleepFor,
  random: () => Math.random(),
};

/** The clock's now as the catalog stores it (ISO 8601, UTC). */
export function isoNow(clock: Pick<Clock, 'now'>): string {
  return new Date(clock.now()).toISOString();
}
