import { dailiesError } from '../../../shared/contract/errors';
import type { Clock } from '../../time/clock';

/** Minutes after local midnight when uploads may start and must stop. */
export interface UploadWindow {
  startMinute: number;
  endMinute: number;
}

const DAY_MINUTES = 24 * 60;

/**
 * "20:00-07:00" (may cross midnight) -> an UploadWindow. Equal ends mean all day: a window
 * that never opens would park the queue for ever without saying why.
 */
export function parseUploadWindow(text: string): UploadWindow {
  const match = /^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  const minute = (h: string, m: string) => Number(h) * 60 + Number(m);
  if (
    !match ||
    Number(match[1]) > 24 ||
    Number(match[3]) > 24 ||
    Number(match[2]) > 59 ||
    Number(match[4]) > 59
  ) {
    throw dailiesError('E_VALIDATION', `"${text}" is not an upload window like 20:00-07:00.`, {
      details: { field: 'uploadWindow' },
    });
  }
  return {
    startMinute: minute(match[1]!, match[2]!) % DAY_MINUTES,
    endMinute: minute(match[3]!, match[4]!) % DAY_MINUTES,
  };
}

function minuteOfDay(ms: number): number {
  const date = new Date(ms);
  return date.getHours() * 60 + date.getMinutes() + date.getSeconds() / 60;
}

/** Milliseconds until the window opens at local time `nowMs`; 0 when it is open. */
export function msUntilWindowOpens(window: UploadWindow, nowMs: number): number {
  const { startMinute, endMinute } = window;
  if (startMinute === endMinute) return 0;
  const now = minuteOfDay(nowMs);
  const open =
    startMinute < endMinute
      ? now >= startMinute && now < endMinute
      : now >= startMinute || now < endMinute;
  if (open) return 0;
  const wait = (startMinute - now + DAY_MINUTES) % DAY_MINUTES;
  return Math.ceil(wait * 60_000);
}

/**
 * Waits until the window is open (at once when there is none). Checked before each part, so
 * a part under way finishes and the upload pauses at the next part boundary, then resumes
 * by itself when the window opens again. Waits in steps of at most a minute, so a clock
 * change (daylight saving, a laptop waking) is noticed.
 */
export async function waitForUploadWindow(
  window: UploadWindow | undefined,
  clock: Clock,
  signal?: AbortSignal,
  onWaiting?: (msLeft: number) => void,
): Promise<void> {
  if (!window) return;
  for (;;) {
    const wait = msUntilWindowOpens(window, clock.now());
    if (wait <= 0) return;
    onWaiting?.(wait);
    await clock.sleep(Math.min(wait, 60_000), signal);
  }
}
