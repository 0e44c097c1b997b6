import { sleepFor } from './retry-policy';

/**
 * Time as the uploader sees it. Injected, so the bandwidth limiter's accounting and the
 * upload window can be tested on a virtual clock without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms`; rejects with E_CANCELLED when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: sleepFor,
};
