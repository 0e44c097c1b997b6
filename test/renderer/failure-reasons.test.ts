import { describe, expect, it } from 'vitest';
import { type Asset, type ContractTransport, type Job } from '../../src/shared/contract';
import { assetReason } from '../../src/renderer/views/library/asset-reason';
import { windowStoreOver } from './window-store';

const at = '2026-11-20T10:00:00.000Z';

function asset(id: number, status: Asset['status']): Asset {
  return {
    id,
    sha256: 'a'.repeat(64),
    sizeBytes: 1,
    fileName: `clip-${id}.mp4`,
    extension: 'mp4',
    title: `Clip ${id}`,
    description: '',
    ageRating: 'ALL',
    contentId: null,
    slug: '',
    tags: [],
    notes: '',
    status,
    needsAnalysis: false,
    codec: null,
    width: null,
    height: null,
    resolutionClass: null,
    durationSeconds: null,
    syncedAt: null,
    addedAt: at,
    updatedAt: at,
    deletedAt: null,
    revision: 1,
    stills: null,
    locations: [],
  };
}

function analysisJob(id: number, assetId: number, state: Job['state'], message?: string): Job {
  return {
    id,
    kind: 'analyse',
    spec: { kind: 'analyse', assetId, reason: 'ingest' },
    state,
    priority: 0,
    attempts: 1,
    progress: 0,
    error: message ? { code: 'E_NOT_MEDIA', message, retryable: false } : null,
    runAfter: null,
    createdAt: at,
    startedAt: at,
    updatedAt: at,
    finishedAt: state === 'failed' ? at : null,
  };
}

/** A window's store whose engine knows each asset's newest analysis job (`newest`). */
function windowStore(newest: Job[]) {
  const asked: number[][] = [];
  const transport: ContractTransport = {
    request: (method, input) => {
      if (method !== 'jobs.latestForAssets') throw new Error(`unexpected ${method}`);
      const { assetIds } = input as { assetIds: number[] };
      asked.push(assetIds);
      const value = newest.filter((job) => assetIds.includes(job.spec.assetId));
      return Promise.resolve({ ok: true, value });
    },
    listen: () => () => undefined,
  };
  const store = windowStoreOver(transport);
  return { store, asked };
}

describe("a failed row's reason in the Library", () => {
  it('asks the engine for the newest analysis job of each failed row, however old, once', async () => {
    // Job 3 is older than any "newest jobs" read would reach; only asset 2 failed.
    const { store, asked } = windowStore([
      analysisJob(3, 2, 'failed', 'The file ends early: it may still be copying. More here.'),
      analysisJob(90_000, 1, 'done'),
    ]);
    const rows = [asset(1, 'ready'), asset(2, 'error'), asset(4, 'error')];
    await store.getState().loadFailureReasons(rows);
    expect(asked).toEqual([[2, 4]]);
    expect(assetReason(store.getState(), rows[1]!)).toMatchObject({
      short: 'The file ends early: it may still be copying.',
      full: 'The file ends early: it may still be copying. More here.',
    });
    // Asset 4 has no job in the catalog: the row words its own fallback.
    expect(assetReason(store.getState(), rows[2]!)?.short).toBe(
      'Analysis could not read this file.',
    );
    // The page read again asks nothing new.
    await store.getState().loadFailureReasons(rows);
    expect(asked).toHaveLength(1);
  });

  it('follows a newer analysis of the asset from the events, failed again or not', async () => {
    const { store, asked } = windowStore([analysisJob(3, 2, 'failed', 'Old reason.')]);
    const failed = asset(2, 'error');
    await store.getState().loadFailureReasons([failed]);
    store.getState().jobsChanged([analysisJob(9, 2, 'failed', 'New reason.')]);
    expect(assetReason(store.getState(), failed)?.short).toBe('New reason.');
    // An older copy arriving late does not bring the old reason back.
    store.getState().jobsChanged([analysisJob(3, 2, 'failed', 'Old reason.')]);
    expect(assetReason(store.getState(), failed)?.short).toBe('New reason.');
    // Analysed again and queued: the failure is no longer its newest word.
    store.getState().jobsChanged([analysisJob(12, 2, 'queued')]);
    expect(assetReason(store.getState(), failed)?.short).toBe('Analysis could not read this file.');
    // A failure the window saw happen needs no question.
    store.getState().jobsChanged([analysisJob(13, 5, 'failed', 'Not a video.')]);
    await store.getState().loadFailureReasons([asset(5, 'error')]);
    expect(asked).toEqual([[2]]);
    expect(assetReason(store.getState(), asset(5, 'error'))?.short).toBe('Not a video.');
  });
});
