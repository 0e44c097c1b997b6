import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createApiClient,
  type AssetSyncStatus,
  type ContractTransport,
  type Job,
  type JobsChanged,
  type WireEvent,
} from '../../src/shared/contract';
import { connectStore } from '../../src/renderer/store/dailies-store';
import { REREAD_QUIET_MS } from '../../src/renderer/store/jobs-changed';
import { JOB_EVENT_INTERVAL_MS } from '../../src/renderer/store/job-event-batcher';
import { windowStoreOver } from './window-store';

const at = '2026-11-20T10:00:00.000Z';
const later = '2026-11-20T10:05:00.000Z';

function job(id: number, kind: 'analyse' | 'sync', state: Job['state']): Job {
  return {
    id,
    kind,
    spec:
      kind === 'sync'
        ? { kind: 'sync', assetId: id, profileId: 'p1' }
        : { kind: 'analyse', assetId: id, reason: 'ingest' },
    state,
    priority: 0,
    attempts: 1,
    progress: state === 'running' ? 40 : 0,
    error: null,
    runAfter: null,
    createdAt: at,
    startedAt: state === 'running' ? at : null,
    updatedAt: at,
    finishedAt: null,
  };
}

function status(assetId: number, jobState: Job['state']): AssetSyncStatus {
  return {
    assetId,
    profileId: 'p1',
    step: 'pending',
    jobId: assetId,
    jobState,
    upload: null,
    contentId: null,
    videoKey: null,
    thumbnailKey: null,
    remoteAssetId: null,
    lastError: null,
    conflict: null,
    updatedAt: at,
  };
}

/**
 * A connected window on an engine that holds `jobs` (and answers sync.status from their
 * states); `emit` delivers an engine event as a host would.
 */
function connectedWindow(jobs: Job[]) {
  const calls: Array<{ method: string; input: unknown }> = [];
  const listeners = new Set<(event: WireEvent) => void>();
  const transport: ContractTransport = {
    request: (method, input) => {
      calls.push({ method, input });
      const value = answer(method, input as Record<string, unknown>);
      return Promise.resolve(
        value === undefined
          ? { ok: false, error: { code: 'E_INTERNAL', message: 'Not here.', retryable: false } }
          : { ok: true, value },
      );
    },
    listen: (next) => {
      listeners.add(next);
      return () => listeners.delete(next);
    },
  };
  const answer = (method: string, input: Record<string, unknown>): unknown => {
    if (method === 'assets.search') return { items: [], nextCursor: null, total: 0 };
    if (method === 'jobs.list')
      return jobs.filter(
        (j) => (!input.kind || j.kind === input.kind) && (!input.state || j.state === input.state),
      );
    if (method === 'sync.status') {
      const ids = (input.assetIds as number[] | undefined) ?? jobs.map((j) => j.spec.assetId);
      return jobs
        .filter((j) => j.kind === 'sync' && ids.includes(j.spec.assetId))
        .map((j) => status(j.spec.assetId, j.state));
    }
    return undefined;
  };
  const store = windowStoreOver(transport);
  const stop = connectStore(store, createApiClient(transport));
  const emit = (name: string, payload: unknown) =>
    listeners.forEach((listener) => listener({ kind: 'event', name, payload }));
  return { store, calls, emit, stop };
}

const step = (
  kind: 'analyse' | 'sync',
  ids: number[],
  changes: Omit<JobsChanged['changes'], 'updatedAt'>,
): JobsChanged => ({ kind, ids, assetIds: ids, changes: { ...changes, updatedAt: later } });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('a window following steps of many jobs (jobs.changed)', () => {
  it('shows the Analysis jobs paused then cancelled, bars gone, from one event per step', async () => {
    const engine = [
      job(1, 'analyse', 'running'),
      job(2, 'analyse', 'queued'),
      job(3, 'analyse', 'queued'),
    ];
    const { store, emit, stop } = connectedWindow(engine);
    await store.getState().loadJobs();
    store
      .getState()
      .jobsProgressed([
        { jobId: 1, kind: 'analyse', assetId: 1, stage: 'stills', percent: 40, file: null },
      ]);
    const states = () => Object.values(store.getState().jobs).map((j) => [j.id, j.state]);

    emit(
      'jobs.changed',
      step('analyse', [1, 2, 3], { state: 'paused', runAfter: null, error: null }),
    );
    await vi.advanceTimersByTimeAsync(JOB_EVENT_INTERVAL_MS);
    expect(states()).toEqual([
      [1, 'paused'],
      [2, 'paused'],
      [3, 'paused'],
    ]);
    expect(store.getState().jobProgress).toEqual({});
    // The fields a step does not name stay as they were.
    expect(store.getState().jobs[1]).toMatchObject({ attempts: 1, progress: 40, updatedAt: later });

    emit('jobs.changed', step('analyse', [1, 2, 3], { state: 'cancelled', finishedAt: later }));
    await vi.advanceTimersByTimeAsync(JOB_EVENT_INTERVAL_MS);
    expect(states().map(([, state]) => state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(store.getState().jobs[2]!.finishedAt).toBe(later);
    stop();
  });

  it('reads the Analysis jobs again, once, when a step names jobs its capped read missed', async () => {
    const engine = [job(1, 'analyse', 'queued'), job(2, 'analyse', 'queued')];
    const { store, calls, emit, stop } = connectedWindow(engine);
    await store.getState().loadJobs();
    // The Analysis view's read: one jobs.list per state.
    const lists = () =>
      calls.filter((c) => c.method === 'jobs.list' && (c.input as { state?: string }).state).length;
    const before = lists();
    // The engine paused 1 and 2 and a thousand jobs this window never read.
    engine.splice(
      0,
      2,
      job(1, 'analyse', 'paused'),
      job(2, 'analyse', 'paused'),
      job(900, 'analyse', 'paused'),
    );
    for (let from = 0; from < 4; from += 1)
      emit(
        'jobs.changed',
        step('analyse', from === 0 ? [1, 2, 900] : [1000 + from], { state: 'paused' }),
      );
    await vi.advanceTimersByTimeAsync(JOB_EVENT_INTERVAL_MS);
    expect(lists()).toBe(before);
    await vi.advanceTimersByTimeAsync(REREAD_QUIET_MS);
    // One read of every state, once the steps stopped: the job it missed is listed now.
    expect(lists()).toBe(before + 6);
    expect(store.getState().jobs[900]?.state).toBe('paused');
    // A window that never opened Analysis reads nothing: it reads all when opened.
    stop();
  });

  it('shows the Upload queue cancelled and reads the statuses of the assets the step names', async () => {
    const engine = [
      job(7, 'sync', 'queued'),
      job(8, 'sync', 'paused'),
      job(9, 'analyse', 'queued'),
    ];
    const { store, calls, emit, stop } = connectedWindow(engine);
    await store.getState().loadSync();
    expect(store.getState().syncStatuses[7]?.jobState).toBe('queued');
    await vi.advanceTimersByTimeAsync(200); // what the window reads after its first paint
    engine.splice(0, 2, job(7, 'sync', 'cancelled'), job(8, 'sync', 'cancelled'));
    calls.length = 0;

    emit('jobs.changed', step('sync', [7, 8], { state: 'cancelled', finishedAt: later }));
    await vi.advanceTimersByTimeAsync(JOB_EVENT_INTERVAL_MS);
    expect(store.getState().syncJobs[7]?.state).toBe('cancelled');
    expect(store.getState().syncJobs[8]?.state).toBe('cancelled');
    expect(calls.filter((c) => c.method === 'sync.status').map((c) => c.input)).toEqual([
      { assetIds: [7, 8] },
    ]);
    expect(store.getState().syncStatuses[7]?.jobState).toBe('cancelled');
    // Analysis jobs are not the queue's: an analysis step leaves it alone.
    emit('jobs.changed', step('analyse', [9], { state: 'paused' }));
    await vi.advanceTimersByTimeAsync(JOB_EVENT_INTERVAL_MS + REREAD_QUIET_MS);
    expect(Object.keys(store.getState().syncJobs)).toEqual(['7', '8']);
    stop();
  });
});
