import { describe, expect, it } from 'vitest';
import { etaSeconds, MovingRate } from '../../src/engine/sync/moving-rate';

function virtualClock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('the overall upload rate', () => {
  it('is zero before anything moves and after the window passes with nothing moving', () => {
    const clock = virtualClock();
    const rate = new MovingRate(clock.now, 10_000);
    expect(rate.bytesPerSecond()).toBe(0);
    rate.add(5_000_000);
    expect(rate.bytesPerSecond()).toBeGreaterThan(0);
    clock.advance(10_000);
    expect(rate.bytesPerSecond()).toBe(0);
  });

  it('measures a steady flow over the window, whatever the number of uploads feeding it', () => {
    const clock = virtualClock();
    const rate = new MovingRate(clock.now, 10_000);
    // Two uploads at 1 MB/s each, reporting every 250 ms, for 30 s.
    for (let t = 0; t < 30_000; t += 250) {
      clock.advance(250);
      rate.add(250_000);
      rate.add(250_000);
    }
    expect(rate.bytesPerSecond()).toBeCloseTo(2_000_000, -4);
  });

  it('follows a slowdown within the window', () => {
    const clock = virtualClock();
    const rate = new MovingRate(clock.now, 10_000);
    for (let t = 0; t < 20_000; t += 500) {
      clock.advance(500);
      rate.add(2_000_000);
    }
    expect(rate.bytesPerSecond()).toBeCloseTo(4_000_000, -5);
    for (let t = 0; t < 10_000; t += 500) {
      clock.advance(500);
      rate.add(500_000);
    }
    expect(rate.bytesPerSecond()).toBeCloseTo(1_000_000, -5);
  });

  it('does not turn one early burst into a spike', () => {
    const clock = virtualClock();
    const rate = new MovingRate(clock.now, 10_000);
    rate.add(1_000_000);
    clock.advance(10);
    expect(rate.bytesPerSecond()).toBe(1_000_000);
  });

  it('gives no ETA while nothing moves, and 0 when nothing is left', () => {
    expect(etaSeconds(10_000, 0)).toBeNull();
    expect(etaSeconds(10_000, 1_000)).toBe(10);
    expect(etaSeconds(0, 0)).toBe(0);
  });
});
