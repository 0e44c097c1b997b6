import { describe, expect, it } from 'vitest';
import {
  msUntilWindowOpens,
  parseUploadWindow,
  waitForUploadWindow,
} from '../../../src/engine/storage/upload/upload-window';
import { virtualClock } from './virtual-clock';

const at = (hours: number, minutes = 0) => new Date(2026, 10, 20, hours, minutes).getTime();

describe('the upload window', () => {
  it('reads "20:00-07:00" across midnight and knows when it opens', () => {
    const night = parseUploadWindow('20:00-07:00');
    expect(msUntilWindowOpens(night, at(21))).toBe(0);
    expect(msUntilWindowOpens(night, at(3))).toBe(0);
    expect(msUntilWindowOpens(night, at(7))).toBe(13 * 3_600_000);
    expect(msUntilWindowOpens(night, at(19, 30))).toBe(30 * 60_000);
    const day = parseUploadWindow('9:30-17:00');
    expect(msUntilWindowOpens(day, at(8))).toBe(90 * 60_000);
    expect(msUntilWindowOpens(day, at(18))).toBe((15 * 60 + 30) * 60_000);
  });

  it('refuses what is not a window', () => {
    for (const text of ['20-07', '25:00-07:00', '20:00 to 07:00', '20:61-07:00']) {
      expect(() => parseUploadWindow(text)).toThrow(/not an upload window/);
    }
  });

  it('waits until the window opens, then lets uploads go by itself', async () => {
    const clock = virtualClock(at(12));
    const waits: number[] = [];
    await waitForUploadWindow(parseUploadWindow('20:00-07:00'), clock, undefined, (ms) =>
      waits.push(ms),
    );
    expect(new Date(clock.now()).getHours()).toBe(20);
    expect(clock.slept).toBe(8 * 3_600_000);
    expect(waits[0]).toBe(8 * 3_600_000);
  });
});
