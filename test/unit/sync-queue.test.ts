import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssetSyncStatus, Job, SyncProgress } from '../../src/shared/contract';
import { syncEventBatcher } from '../../src/renderer/store/sync-event-batcher';
import { groupSyncRows, reorderIds } from '../../src/renderer/store/sync-queue';
import { emptyOverview } from '../../src/shared/queue-signals';

const at = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function job(id: number, assetId: number, state: Job['state'], fields: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'sync',
    spec: { kind: 'sync', assetId, profileId: 'p1' },
    state,
    priority: 0,
    attempts: 1,
    progress: 0,
    error: null,
    runAfter: null,
    createdAt: at(0),
    startedAt: null,
    updatedAt: at(0),
    finishedAt: state === 'done' ? at(assetId) : null,
    ...fields,
  };
}

function status(assetId: number, fields: Partial<AssetSyncStatus> = {}): AssetSyncStatus {
  return {
    assetId,
    profileId: 'p1',
    step: 'pending',
    jobId: null,
    jobState: null,
    upload: null,
    contentId: null,
    videoKey: null,
    thumbnailKey: null,
    remoteAssetId: null,
    lastError: null,
    conflict: null,
    updatedAt: at(0),
    ...fields,
  };
}

const byId = <T>(items: T[], key: (item: T) => number) =>
  Object.fromEntries(items.map((item) => [key(item), item]));

afterEach(() => vi.useRealTimers());

describe('the upload queue as the editor reads it', () => {
  it('puts each asset in one group by its latest job, waiting ones in run order', () => {
    const jobs = [
      job(1, 10, 'failed'),
      job(5, 10, 'running'), // a retry after an edit: the newer job counts
      job(2, 11, 'queued'),
      job(3, 12, 'queued', { priority: 5 }),
      job(4, 13, 'paused'),
      job(6, 14, 'done'),
      job(7, 15, 'failed'),
      job(8, 17, 'cancelled', { finishedAt: at(2) }),
      // Failed on a conflict the editor settled later (keeping the platform's values).
      job(9, 18, 'failed', { finishedAt: at(1) }),
    ];
    const statuses = [10, 11, 12, 13, 14, 15, 16, 17, 18].map((id) =>
      status(
        id,
        id === 14 ? { step: 'synced' } : id === 18 ? { step: 'synced', updatedAt: at(5) } : {},
      ),
    );
    const queue = groupSyncRows(
      byId(statuses, (s) => s.assetId),
      byId(jobs, (j) => j.id),
    );
    expect(queue.running.map((row) => row.assetId)).toEqual([10]);
    expect(queue.waiting.map((row) => row.assetId)).toEqual([12, 11, 13]);
    // A cancelled upload stays in sight (to retry); a settled conflict's old failure does not.
    expect(queue.attention.map((row) => row.assetId).sort()).toEqual([15, 17]);
    expect(queue.synced.map((row) => row.assetId)).toEqual([14, 18]);
  });

  it('names the rows up to the new place when a row moves', () => {
    const waiting = [1, 2, 3, 4];
    expect(reorderIds(waiting, 3, 'top')).toEqual([3]);
    expect(reorderIds(waiting, 3, 'up')).toEqual([1, 3]);
    expect(reorderIds(waiting, 2, 'down')).toEqual([1, 3, 2]);
    expect(reorderIds(waiting, 1, 'up')).toBeNull();
    expect(reorderIds(waiting, 4, 'down')).toBeNull();
    expect(reorderIds(waiting, 9, 'top')).toBeNull();
  });

  it('hands over the newest progress of each asset and the newest overview, once per interval', () => {
    vi.useFakeTimers();
    const progressed: SyncProgress[][] = [];
    const overviews: number[] = [];
    const batcher = syncEventBatcher(() => ({
      syncProgressed: (reports) => progressed.push(reports),
      syncOverviewChanged: (overview) => overviews.push(overview.bytesSent),
    }));
    const report = (assetId: number, bytesSent: number): SyncProgress => ({
      assetId,
      step: 'content',
      activity: 'uploading video',
      upload: { key: 'v', bytesSent, bytesTotal: 100, bytesPerSecond: 1, etaSeconds: null },
    });
    const overview = (bytesSent: number) => ({
      ...emptyOverview,
      bytesSent,
    });
    batcher.progressed(report(1, 10));
    batcher.progressed(report(1, 20));
    batcher.progressed(report(2, 5));
    batcher.overview(overview(1));
    batcher.overview(overview(2));
    expect(progressed).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(progressed).toEqual([[report(1, 20), report(2, 5)]]);
    expect(overviews).toEqual([2]);
    batcher.dispose();
  });
});
