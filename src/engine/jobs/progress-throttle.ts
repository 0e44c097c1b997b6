import type { Clock } from '../time/clock';
import type { JobProgressReport } from './job-runner';

export interface ProgressThrottle {
  report(report: JobProgressReport): void;
  /** The job ended: a report still waiting is dropped, and any later one (its end supersedes them). */
  close(): void;
}

/**
 * Passes at most one report per `intervalMs`, the first at once; a report of 100 % always
 * goes through so a view never stops short of the end. One that comes too soon waits for the
 * interval's end and goes then, unless a newer one replaced it: progress is a level, not a
 * log, but the last level must arrive. (Dropping it outright left a view showing "Opening the
 * file" for the whole of a long stills run: the probe and the integrity check took less than
 * an interval, and nothing came after the stills' start until they ended.)
 */
export function progressThrottle(
  intervalMs: number,
  send: (report: JobProgressReport) => void,
  clock: Pick<Clock, 'now'>,
): ProgressThrottle {
  let last = -Infinity;
  let waiting: JobProgressReport | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  const sendNow = (report: JobProgressReport) => {
    last = clock.now();
    waiting = null;
    if (timer) clearTimeout(timer);
    timer = null;
    send(report);
  };
  return {
    report(report) {
      if (closed) return;
      if (report.percent >= 100 || clock.now() - last >= intervalMs) {
        sendNow(report);
        return;
      }
      waiting = report;
      if (timer) return;
      timer = setTimeout(
        () => {
          timer = null;
          if (waiting) sendNow(waiting);
        },
        Math.max(0, last + intervalMs - clock.now()),
      );
      timer.unref?.();
    },
    close() {
      closed = true;
      waiting = null;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
