import type { Clock } from '../time/clock';
import type { JobProgressReport } from './job-runner';

/**
 * Passes at most one report per `intervalMs`, the first at once; a report of 100 % always
 * goes through so a view never stops short of the end. What is dropped is superseded by the
 * next report anyway: progress is a level, not a log.
 */
export function progressThrottle(
  intervalMs: number,
  send: (report: JobProgressReport) => void,
  clock: Pick<Clock, 'now'>,
): (report: JobProgressReport) => void {
  let last = -Infinity;
  return (report) => {
    const at = clock.now();
    if (report.percent < 100 && at - last < intervalMs) return;
    last = at;
    send(report);
  };
}
