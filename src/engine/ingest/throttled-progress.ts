import type { IngestProgress } from '../../shared/contract';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../time/clock';

/**
 * `ingest.progress` at most every `intervalMs`, unless forced (the first and the last of a
 * phase always go): 10,000 files must not mean 10,000 events.
 */
export function throttledProgress(
  events: EventBus,
  intervalMs: number,
  progress: IngestProgress,
  problems: () => number,
  clock: Pick<Clock, 'now'>,
): (force: boolean) => void {
  let lastAt = 0;
  return (force) => {
    const now = clock.now();
    if (!force && now - lastAt < intervalMs) return;
    lastAt = now;
    events.emit('ingest.progress', { ...progress, problems: problems() });
  };
}
