import { describe, expect, it } from 'vitest';
import { createBandwidthLimiter } from '../../../src/engine/storage/upload/bandwidth-limiter';
import { virtualClock } from './virtual-clock';

const KiB = 1024;

describe('the bandwidth limiter', () => {
  it('holds 50 transfers together to the limit, each getting its turn', async () => {
    const clock = virtualClock(0);
    const rate = 1024 * KiB;
    const burst = 256 * KiB;
    const limiter = createBandwidthLimiter({ bytesPerSecond: rate, burstBytes: burst, clock });
    const grants: Array<{ at: number; bytes: number }> = [];
    const finished: number[] = [];
    const transfer = async () => {
      for (let chunk = 0; chunk < 20; chunk++) {
        await limiter.take(64 * KiB);
        grants.push({ at: clock.now(), bytes: 64 * KiB });
      }
      finished.push(clock.now());
    };
    await Promise.all(Array.from({ length: 50 }, transfer));

    const total = 50 * 20 * 64 * KiB;
    expect(limiter.granted()).toBe(total);
    // Never ahead of the bucket: by any moment t, at most burst + rate * t bytes went out.
    let cumulative = 0;
    for (const grant of grants) {
      cumulative += grant.bytes;
      expect(cumulative).toBeLessThanOrEqual(burst + (rate * grant.at) / 1000 + 1);
    }
    // And not idle either: the whole lot took the time the rate allows, give or take a ms a wait.
    const ideal = ((total - burst) / rate) * 1000;
    expect(clock.now()).toBeGreaterThanOrEqual(ideal);
    expect(clock.now()).toBeLessThanOrEqual(ideal + grants.length);
    // First come, first served: nobody finishes long before the others (no starvation).
    expect(Math.min(...finished)).toBeGreaterThan(clock.now() * 0.9);
  });

  it('follows a changed limit, and passes everything at once when unlimited', async () => {
    const clock = virtualClock(0);
    const limiter = createBandwidthLimiter({
      bytesPerSecond: 100 * KiB,
      burstBytes: 10 * KiB,
      clock,
    });
    for (let i = 0; i < 10; i++) await limiter.take(10 * KiB);
    const slow = clock.now();
    expect(slow).toBeGreaterThanOrEqual(900);
    limiter.setRate(1000 * KiB);
    for (let i = 0; i < 10; i++) await limiter.take(10 * KiB);
    expect(clock.now() - slow).toBeLessThanOrEqual(110);
    limiter.setRate(0);
    const before = clock.now();
    await Promise.all(Array.from({ length: 100 }, () => limiter.take(1024 * KiB)));
    expect(clock.now()).toBe(before);
  });

  it('sends a chunk larger than the bucket and makes up for it afterwards', async () => {
    const clock = virtualClock(0);
    const limiter = createBandwidthLimiter({
      bytesPerSecond: 100 * KiB,
      burstBytes: 10 * KiB,
      clock,
    });
    await limiter.take(10 * KiB);
    await limiter.take(200 * KiB); // larger than the bucket: waits for a full bucket, then debt
    await limiter.take(10 * KiB);
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
  });

  it('drops a cancelled waiter without granting it', async () => {
    const clock = virtualClock(0);
    const limiter = createBandwidthLimiter({ bytesPerSecond: KiB, burstBytes: KiB, clock });
    await limiter.take(KiB);
    const stop = new AbortController();
    const waiting = limiter.take(KiB, stop.signal);
    stop.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'E_CANCELLED' });
  });
});
