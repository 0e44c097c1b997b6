import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface Responsiveness {
  /** The longest the event loop was blocked, in ms. */
  maxPauseMs: number;
  /**
   * The most CPU the main thread used between two ticks of the loop, in ms: the longest pause
   * the work would cause with a core to itself. On a shared machine the wall-clock pause also
   * counts the time the neighbours had the core; this does not.
   */
  maxPauseCpuMs: number;
  /** Answer times of the cheap call, issued every `intervalMs` while the work ran. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  calls: number;
  /** How long the measured work took, in ms. */
  workMs: number;
}

/**
 * Runs `work` while a cheap call is made every few milliseconds (each timed from the moment
 * it was due, so time spent waiting behind a blocked event loop counts) and the event loop's
 * longest pause is recorded: what an editor clicking around meanwhile would feel.
 */
export async function measureResponsiveness(
  work: () => Promise<unknown>,
  cheapCall: () => Promise<unknown>,
  intervalMs = 10,
): Promise<Responsiveness> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  // The histogram records nothing while the loop is blocked from start to end of the work,
  // so the longest gap between the ticks of a timer is kept as well.
  let lastTick = performance.now();
  let longestGap = 0;
  const threadCpuMs = () => {
    const used = process.threadCpuUsage();
    return (used.user + used.system) / 1000;
  };
  let lastTickCpu = threadCpuMs();
  let mostCpuInGap = 0;
  const tick = () => {
    const now = performance.now();
    const cpu = threadCpuMs();
    longestGap = Math.max(longestGap, now - lastTick - 5);
    mostCpuInGap = Math.max(mostCpuInGap, cpu - lastTickCpu);
    lastTick = now;
    lastTickCpu = cpu;
  };
  const ticker = setInterval(tick, 5);
  const answers: number[] = [];
  let running = true;
  const probe = (async () => {
    let due = performance.now();
    while (running) {
      await cheapCall();
      answers.push(performance.now() - due);
      due = Math.max(due + intervalMs, performance.now());
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  histogram.enable();
  const start = performance.now();
  try {
    await work();
  } finally {
    running = false;
  }
  const workMs = performance.now() - start;
  tick();
  clearInterval(ticker);
  histogram.disable();
  await probe;
  const sorted = [...answers].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    // The histogram is in nanoseconds and includes the sampling resolution itself.
    maxPauseMs: Math.max(0, histogram.max / 1e6 - 5, longestGap),
    maxPauseCpuMs: mostCpuInGap,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted.at(-1) ?? 0,
    calls: sorted.length,
    workMs,
  };
}
