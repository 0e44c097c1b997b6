import type { Clock } from '../../../src/engine/time/clock';

/** A clock whose sleeps pass at once, moving virtual time forward: no test waits. */
export function virtualClock(startMs: number): Clock & { slept: number } {
  let now = startMs;
  const clock = {
    slept: 0,
    random: () => Math.random(),
    now: () => now,
    sleep: async (ms: number) => {
      await Promise.resolve();
      now += ms;
      clock.slept += ms;
    },
  };
  return clock;
}
