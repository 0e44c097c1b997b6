import type { SyncOverview } from '../../shared/contract';
import { queueFollower, type QueueNotice } from '../../shared/queue-signals';
import type { Slice } from './slice';

/** A queue notice shown as a toast until dismissed (or, for a finished batch, a while). */
export interface QueueToast extends QueueNotice {
  id: number;
}

export interface QueueNoticeSlice {
  queueToasts: QueueToast[];
  /** What needs the editor now: failed uploads and holds waiting for them (the title's count). */
  queueAttention: number;
  /** A sync job finished: the batch's count of videos sent grows. */
  syncJobDone(): void;
  /**
   * The engine's next overview, in event order. `quiet` takes it in without notices: the
   * first read after the window opens is where things stand, not news.
   */
  followQueue(overview: SyncOverview, quiet?: boolean): void;
  dismissQueueToast(id: number): void;
}

/** Older toasts give way: a long night of uploads must not stack them up the window. */
const MAX_TOASTS = 3;

/** The same notices the desktop shell turns into OS notifications (shared/queue-signals). */
export const createQueueNoticeSlice = (): Slice<QueueNoticeSlice> => (set, get) => {
  const follower = queueFollower();
  let nextId = 1;
  return {
    queueToasts: [],
    queueAttention: 0,
    syncJobDone: () => follower.jobDone(),
    followQueue(overview, quiet = false) {
      const notices = follower.overview(overview);
      const fresh = quiet ? [] : notices.map((notice) => ({ ...notice, id: nextId++ }));
      set({
        queueAttention: follower.attention(),
        ...(fresh.length > 0
          ? { queueToasts: [...get().queueToasts, ...fresh].slice(-MAX_TOASTS) }
          : {}),
      });
    },
    dismissQueueToast: (id) =>
      set({ queueToasts: get().queueToasts.filter((toast) => toast.id !== id) }),
  };
};
