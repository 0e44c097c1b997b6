import type { SyncOverview, SyncProgress } from '../../shared/contract';
import { JOB_EVENT_INTERVAL_MS } from './job-event-batcher';

export interface SyncEventSink {
  syncProgressed(reports: SyncProgress[]): void;
  syncOverviewChanged(overview: SyncOverview): void;
}

/**
 * Coalesces sync events as the job batcher does: each upload reports bytes a few times a
 * second, so the queue takes the newest report of each asset (and the newest overview) at
 * most once per interval.
 */
export function syncEventBatcher(sink: () => SyncEventSink, intervalMs = JOB_EVENT_INTERVAL_MS) {
  let progress = new Map<number, SyncProgress>();
  let overview: SyncOverview | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    const reports = [...progress.values()];
    const latest = overview;
    progress = new Map();
    overview = null;
    if (reports.length > 0) sink().syncProgressed(reports);
    if (latest) sink().syncOverviewChanged(latest);
  };
  const schedule = () => {
    timer ??= setTimeout(flush, intervalMs);
  };

  return {
    progressed(report: SyncProgress) {
      progress.set(report.assetId, report);
      schedule();
    },
    overview(next: SyncOverview) {
      overview = next;
      schedule();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
