import { describe, expect, it } from 'vitest';
import type { SyncOverview } from '../../../src/shared/contract';
import type { DesktopViewId } from '../../../src/shared/desktop-commands';
import { emptyOverview, queueFollower, queueNotices } from '../../../src/shared/queue-signals';
import { createNotifier, type NotificationLike } from '../../../src/main/shell/os-notifications';
import { createPowerSaveHold } from '../../../src/main/shell/power-save';
import { showQueueOnTaskbar } from '../../../src/main/shell/taskbar-progress';

const idle = emptyOverview;
const uploading: SyncOverview = {
  ...idle,
  queued: 3,
  running: 2,
  bytesSent: 250,
  bytesTotal: 1000,
};
const signInHold = {
  profileId: 'main',
  reason: 'auth' as const,
  message: 'Sign in again to keep uploading.',
  until: null,
};

function fakeBlocker() {
  const started = new Set<number>();
  let next = 1;
  return {
    started,
    start: (type: 'prevent-app-suspension' | 'prevent-display-sleep') => {
      expect(type).toBe('prevent-app-suspension');
      started.add(next);
      return next++;
    },
    stop: (id: number) => started.delete(id),
    isStarted: (id: number) => started.has(id),
  };
}

describe('the power-save hold', () => {
  it('keeps the computer awake while uploads run and lets it sleep when they stop', () => {
    const blocker = fakeBlocker();
    const hold = createPowerSaveHold(blocker);
    hold.set(true);
    hold.set(true);
    expect(blocker.started.size).toBe(1);
    hold.set(false);
    expect(blocker.started.size).toBe(0);
    hold.set(true);
    hold.release();
    expect(blocker.started.size).toBe(0);
  });
});

describe('the taskbar and dock', () => {
  function fakeTaskbar() {
    const bars: Array<[number, unknown]> = [];
    const badges: number[] = [];
    const window = {
      setProgressBar: (progress: number, options?: unknown) => void bars.push([progress, options]),
      isDestroyed: () => false,
    };
    return {
      bars,
      badges,
      window,
      app: { setBadgeCount: (count?: number) => badges.push(count ?? 0) > 0 },
    };
  }

  it('shows the batch progress, tints it when paused or failing, and clears it when done', () => {
    const taskbar = fakeTaskbar();
    showQueueOnTaskbar(taskbar.window, taskbar.app, uploading);
    showQueueOnTaskbar(taskbar.window, taskbar.app, {
      ...uploading,
      running: 0,
      queued: 0,
      paused: 5,
    });
    showQueueOnTaskbar(taskbar.window, taskbar.app, { ...uploading, failed: 1 });
    showQueueOnTaskbar(taskbar.window, taskbar.app, idle);
    expect(taskbar.bars).toEqual([
      [0.25, { mode: 'normal' }],
      [0.25, { mode: 'paused' }],
      [0.25, { mode: 'error' }],
      [-1, undefined],
    ]);
  });

  it('badges the number of things that need the editor', () => {
    const taskbar = fakeTaskbar();
    showQueueOnTaskbar(null, taskbar.app, { ...uploading, failed: 2, holds: [signInHold] });
    showQueueOnTaskbar(null, taskbar.app, idle);
    expect(taskbar.badges).toEqual([3, 0]);
  });
});

describe('notifications', () => {
  function fakeNotifications(enabled = true) {
    const shown: Array<{ title?: string; body?: string; click(): void }> = [];
    const opened: DesktopViewId[] = [];
    const notifier = createNotifier({
      isSupported: () => true,
      enabled: () => enabled,
      create: (options) => {
        const listeners = new Map<string, () => void>();
        const notification: NotificationLike = {
          on: (event: string, listener: () => void) => listeners.set(event, listener),
          show: () => void shown.push({ ...options, click: () => listeners.get('click')?.() }),
        };
        return notification;
      },
      open: (view) => opened.push(view),
    });
    return { notifier, shown, opened };
  }

  it('tells the editor when a batch finishes; a click opens the queue', () => {
    const { notifier, shown, opened } = fakeNotifications();
    for (const notice of queueNotices(uploading, idle, 5)) notifier.show(notice);
    expect(shown.map((n) => [n.title, n.body])).toEqual([
      ['Uploads finished', '5 videos sent to the platform.'],
    ]);
    shown[0]?.click();
    expect(opened).toEqual(['queue']);
  });

  it('asks for the editor once per new sign-in hold and per new failures; a click opens the right view', () => {
    const { notifier, shown, opened } = fakeNotifications();
    const held = { ...uploading, holds: [signInHold] };
    for (const notice of queueNotices(uploading, held, 0)) notifier.show(notice);
    for (const notice of queueNotices(held, held, 0)) notifier.show(notice);
    const failing = { ...held, failed: 2 };
    for (const notice of queueNotices(held, failing, 0)) notifier.show(notice);
    expect(shown.map((n) => n.title)).toEqual([
      'Dailies needs you to sign in',
      'Uploads need your attention',
    ]);
    expect(shown[1]?.body).toBe('2 uploads failed or have conflicts. Open the queue to see why.');
    shown[0]?.click();
    shown[1]?.click();
    expect(opened).toEqual(['account', 'queue']);
  });

  it('stays quiet when the editor turned notifications off, and for a timed hold', () => {
    const off = fakeNotifications(false);
    for (const notice of queueNotices(uploading, idle, 5)) off.notifier.show(notice);
    expect(off.shown).toEqual([]);
    const timed = { ...signInHold, reason: 'offline' as const, until: '2026-01-01T00:00:00Z' };
    expect(queueNotices(uploading, { ...uploading, holds: [timed] }, 0)).toEqual([]);
  });

  it('follows the events in order: the videos a batch sent, then what needs the editor', () => {
    const follower = queueFollower();
    expect(follower.overview(uploading)).toEqual([]);
    follower.jobDone();
    follower.jobDone();
    const [finished] = follower.overview(idle);
    expect(finished).toMatchObject({ kind: 'finished', body: '2 videos sent to the platform.' });
    // A new batch counts from zero; a failure is news once, and stays in the count.
    expect(follower.overview({ ...idle, running: 1 })).toEqual([]);
    follower.jobDone();
    const ended = follower.overview({ ...idle, failed: 1 });
    expect(ended.map((n) => n.body)).toEqual([
      '1 video sent; 1 upload failed.',
      '1 upload failed or has a conflict. Open the queue to see why.',
    ]);
    expect(follower.attention()).toBe(1);
    expect(follower.overview({ ...idle, failed: 1 })).toEqual([]);
    expect(follower.attention()).toBe(1);
  });
});
