import type { SyncOverview } from './contract/sync';
import type { DesktopViewId } from './desktop-commands';

/**
 * What the upload queue means for the editor at a glance, derived from `sync.overview`:
 * whether uploads are moving, how far along they are, what needs the editor, and the
 * notices a change deserves. The desktop shell turns these into the taskbar, the dock badge,
 * the power-save hold, the quit question and OS notifications; the window shows the same.
 */

/** Nothing queued, running or held: the queue before the engine's first overview arrives. */
export const emptyOverview: SyncOverview = {
  queued: 0,
  running: 0,
  paused: 0,
  failed: 0,
  bytesSent: 0,
  bytesTotal: 0,
  bytesPerSecond: 0,
  etaSeconds: null,
  holds: [],
};

/** Uploads move (or are about to): running, or queued with nothing holding them. */
export function uploadsActive(overview: SyncOverview | null): boolean {
  if (!overview) return false;
  return overview.running > 0 || (overview.queued > 0 && overview.holds.length === 0);
}

/** Failed uploads (conflicts included) plus holds that wait for the editor, not a timer. */
export function attentionCount(overview: SyncOverview | null): number {
  if (!overview) return 0;
  return overview.failed + overview.holds.filter((hold) => hold.until === null).length;
}

export type QueueProgress =
  { mode: 'none' } | { mode: 'normal' | 'paused' | 'error'; fraction: number };

/** The taskbar/dock bar: bytes sent of the unfinished batch; paused or failed tint it. */
export function queueProgress(overview: SyncOverview | null): QueueProgress {
  if (!overview || overview.bytesTotal <= 0) return { mode: 'none' };
  const unfinished = overview.running + overview.queued + overview.paused;
  if (unfinished === 0) return { mode: 'none' };
  const fraction = Math.min(1, Math.max(0, overview.bytesSent / overview.bytesTotal));
  if (overview.failed > 0) return { mode: 'error', fraction };
  if (!uploadsActive(overview)) return { mode: 'paused', fraction };
  return { mode: 'normal', fraction };
}

export interface QueueNotice {
  kind: 'finished' | 'attention';
  title: string;
  body: string;
  /** Where a click on the notice takes the editor. */
  view: DesktopViewId;
}

const plural = (count: number, one: string, many: string): string =>
  `${count} ${count === 1 ? one : many}`;

/**
 * The notices one overview change deserves: a batch that stopped moving with nothing left
 * to send, and anything new that needs the editor (a sign-in hold, more failures).
 * `sentInBatch` counts uploads that finished since the batch started.
 */
export function queueNotices(
  previous: SyncOverview | null,
  next: SyncOverview,
  sentInBatch: number,
): QueueNotice[] {
  const notices: QueueNotice[] = [];
  const wasMoving = previous !== null && previous.running + previous.queued > 0;
  const nowDone = next.running + next.queued + next.paused === 0;
  if (wasMoving && nowDone && sentInBatch > 0) {
    notices.push({
      kind: 'finished',
      title: 'Uploads finished',
      body:
        next.failed > 0
          ? `${plural(sentInBatch, 'video', 'videos')} sent; ${plural(next.failed, 'upload', 'uploads')} failed.`
          : `${plural(sentInBatch, 'video', 'videos')} sent to the platform.`,
      view: 'queue',
    });
  }
  const knownHolds = new Set(
    (previous?.holds ?? []).map((hold) => `${hold.profileId}:${hold.reason}`),
  );
  for (const hold of next.holds) {
    if (hold.until !== null || knownHolds.has(`${hold.profileId}:${hold.reason}`)) continue;
    notices.push({
      kind: 'attention',
      title: hold.reason === 'auth' ? 'Dailies needs you to sign in' : 'Uploads are waiting',
      body: hold.message,
      view: hold.reason === 'auth' ? 'account' : 'queue',
    });
  }
  const newFailures = next.failed - (previous?.failed ?? 0);
  if (newFailures > 0) {
    notices.push({
      kind: 'attention',
      title: 'Uploads need your attention',
      body: `${plural(newFailures, 'upload', 'uploads')} failed or ${newFailures === 1 ? 'has a conflict' : 'have conflicts'}. Open the queue to see why.`,
      view: 'queue',
    });
  }
  return notices;
}

export interface QueueFollower {
  /** A sync job finished (job.changed, state done): one more video sent in this batch. */
  jobDone(): void;
  /** The next overview, in the order the events came; the notices it deserves. */
  overview(next: SyncOverview): QueueNotice[];
  /** What needs the editor now (attentionCount of the last overview). */
  attention(): number;
}

/**
 * Follows the queue's events and says which notices each change deserves, counting the
 * videos sent in the batch. The one source of the queue's notices: the desktop shell shows
 * them as OS notifications, the window as toasts and in its title.
 */
export function queueFollower(): QueueFollower {
  let overview: SyncOverview | null = null;
  let sentInBatch = 0;
  return {
    jobDone: () => void (sentInBatch += 1),
    overview(next) {
      if (overview === null || overview.running + overview.queued === 0) sentInBatch = 0;
      const notices = queueNotices(overview, next, sentInBatch);
      overview = next;
      if (next.running + next.queued + next.paused === 0) sentInBatch = 0;
      return notices;
    },
    attention: () => attentionCount(overview),
  };
}
