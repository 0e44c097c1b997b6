/** Milliseconds spent in fn. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs each contender `runs` times, interleaved (a, b, a, b, ...) after one unmeasured
 * warm-up each, so page cache and machine noise fall on both alike. Returns every sample.
 */
export async function compareInterleaved<K extends string>(
  contenders: Record<K, () => Promise<unknown>>,
  runs: number,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (const name of names) await contenders[name]();
  for (let run = 0; run < runs; run += 1) {
    for (const name of names) samples[name].push(await timeMs(contenders[name]));
  }
  return samples;
}

/** The value at fraction `p` (0..1) of the sorted samples: p95 is `percentile(values, 0.95)`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Rounded to `digits` decimals, for printed figures. */
export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
