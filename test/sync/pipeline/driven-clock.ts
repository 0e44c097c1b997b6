import { sleepFor, type Clock } from '../../../src/engine/time/clock';

interface Sleeper {
  ms: number;
  wake(): void;
}

/**
 * A clock the test drives: `now` is what the test sets (real time until then) and every
 * sleep of `drivenFromMs` or more waits until the test wakes it, so the probe's backoff and
 * the upload window run without waiting. It is the whole engine's clock: shorter sleeps (a
 * step's own retries on fastSyncRetry, at most 40 ms) pass in real time, as these tests
 * drive the holds, not the retries.
 */
export function drivenClock(drivenFromMs = 1_000) {
  let fixed: number | null = null;
  const asleep: Sleeper[] = [];
  const requested: number[] = [];
  const waiters: Array<() => void> = [];
  const clock: Clock = {
    random: () => Math.random(),
    now: () => fixed ?? Date.now(),
    sleep: (ms, signal) =>
      ms < drivenFromMs
        ? sleepFor(ms, signal)
        : new Promise<void>((resolve, reject) => {
            requested.push(ms);
            const sleeper: Sleeper = { ms, wake: resolve };
            asleep.push(sleeper);
            signal?.addEventListener('abort', () => {
              asleep.splice(asleep.indexOf(sleeper), 1);
              reject(new Error('aborted'));
            });
            waiters.splice(0).forEach((wake) => wake());
          }),
  };
  return {
    clock,
    /** Every sleep asked for so far, in ms. */
    requested,
    setNow(ms: number) {
      fixed = ms;
    },
    /** Resolves once someone is asleep (at once if someone is). */
    async someoneAsleep(): Promise<number> {
      while (asleep.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
      return asleep[0]!.ms;
    },
    /** Wakes everyone asleep now. */
    wakeAll() {
      asleep.splice(0).forEach((sleeper) => sleeper.wake());
    },
  };
}
