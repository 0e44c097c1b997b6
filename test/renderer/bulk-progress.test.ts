import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContractTransport } from '../../src/shared/contract';
import {
  addingLabel,
  bulkCancelLabel,
  bulkLabel,
} from '../../src/renderer/components/bulk-progress-wording';
import { SHOW_AFTER_MS } from '../../src/renderer/store/bulk-progress-slice';
import { windowStoreOver } from './window-store';

/** A window's store on a transport that records calls and answers each with nothing. */
function windowStore(
  answer: Awaited<ReturnType<ContractTransport['request']>> = {
    ok: true,
    value: { cancelled: 1 },
  },
) {
  const calls: Array<{ method: string; input: unknown }> = [];
  const transport: ContractTransport = {
    request: (method, input) => {
      calls.push({ method, input });
      return Promise.resolve(answer);
    },
    listen: () => () => undefined,
  };
  const store = windowStoreOver(transport);
  return { store, calls };
}

// The strip drops a call that falls silent after 15 s: fake timers run that clock here, and
// none of its timers outlives a test (even one that fails half way).
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('the progress strip’s state', () => {
  it('follows a bulk call until its last event, which carries the total', () => {
    const { store } = windowStore();
    const labels = () => store.getState().bulkRunning.map(bulkLabel);
    store
      .getState()
      .bulkProgressed({ runId: 'run-jobs-pause', operation: 'jobs.pause', done: 250, total: null });
    store.getState().bulkProgressed({
      runId: 'run-assets-remove',
      operation: 'assets.remove',
      done: 500,
      total: 10_000,
    });
    // Shown once they have run a while (below).
    expect(labels()).toEqual([]);
    vi.advanceTimersByTime(SHOW_AFTER_MS);
    store.getState().bulkProgressed({
      runId: 'run-jobs-pause',
      operation: 'jobs.pause',
      done: 2_500,
      total: null,
    });
    expect(labels()).toEqual([
      'Pausing jobs: 2,500 jobs so far…',
      'Moving 500 of 10,000 assets to the trash…',
    ]);
    store.getState().bulkProgressed({
      runId: 'run-jobs-pause',
      operation: 'jobs.pause',
      done: 2_600,
      total: 2_600,
    });
    expect(labels()).toEqual(['Moving 500 of 10,000 assets to the trash…']);
    store.getState().bulkProgressed({
      runId: 'run-assets-remove',
      operation: 'assets.remove',
      done: 10_000,
      total: 10_000,
    });
    expect(labels()).toEqual([]);
  });

  it('never shows a call that ends before it has run a while (a bulk edit of 100 assets)', () => {
    const { store } = windowStore();
    const labels = () => store.getState().bulkRunning.map(bulkLabel);
    const edit = { runId: 'run-edit', operation: 'assets.bulkUpdate' } as const;
    store.getState().bulkProgressed({ ...edit, done: 162, total: 200 });
    expect(labels()).toEqual([]);
    vi.advanceTimersByTime(SHOW_AFTER_MS - 1);
    store.getState().bulkProgressed({ ...edit, done: 200, total: 200 });
    vi.advanceTimersByTime(SHOW_AFTER_MS);
    expect(labels()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);

    // One still running after that long shows, with its latest count.
    store.getState().bulkProgressed({ ...edit, runId: 'run-long', done: 40, total: 20_000 });
    vi.advanceTimersByTime(SHOW_AFTER_MS - 1);
    store.getState().bulkProgressed({ ...edit, runId: 'run-long', done: 400, total: 20_000 });
    expect(labels()).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(labels()).toHaveLength(1);
    expect(store.getState().bulkRunning[0]).toMatchObject({ runId: 'run-long', done: 400 });
  });

  it('lets go of a call that falls silent without its last event (it failed half way)', () => {
    const { store } = windowStore();
    const labels = () => store.getState().bulkRunning.map(bulkLabel);
    store.getState().bulkProgressed({
      runId: 'run-trash-empty',
      operation: 'trash.empty',
      done: 500,
      total: 2_000,
    });
    store
      .getState()
      .bulkProgressed({ runId: 'run-jobs-pause', operation: 'jobs.pause', done: 250, total: null });
    vi.advanceTimersByTime(10_000);
    // News of one call keeps it; the other has been silent for 15 s by then.
    store
      .getState()
      .bulkProgressed({ runId: 'run-jobs-pause', operation: 'jobs.pause', done: 500, total: null });
    expect(labels()).toHaveLength(2);
    vi.advanceTimersByTime(5_000);
    expect(labels()).toEqual(['Pausing jobs: 500 jobs so far…']);
    vi.advanceTimersByTime(10_000);
    expect(labels()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says how far adding files is, and Cancel stops that batch', async () => {
    const { store, calls } = windowStore();
    const progress = {
      batchId: 'batch-1',
      phase: 'scanning' as const,
      filesFound: 1_200,
      filesDone: 0,
      bytesTotal: 0,
      bytesDone: 0,
      problems: 0,
      currentPath: null,
    };
    expect(addingLabel(progress)).toBe('Adding files: 1,200 found so far…');
    expect(
      addingLabel({ ...progress, phase: 'hashing', filesFound: 10_000, filesDone: 3_200 }),
    ).toBe('Adding 3,200 of 10,000 files…');
    await store.getState().cancelAdd('batch-1');
    expect(calls).toContainEqual({ method: 'assets.cancelAdd', input: { batchId: 'batch-1' } });
    expect(store.getState().addCancelling).toBe('batch-1');
  });

  it('keeps two runs of the same call apart, by their runId', () => {
    const { store } = windowStore();
    const labels = () => store.getState().bulkRunning.map(bulkLabel);
    store
      .getState()
      .bulkProgressed({ runId: 'a', operation: 'assets.remove', done: 100, total: 9_000 });
    store
      .getState()
      .bulkProgressed({ runId: 'b', operation: 'assets.remove', done: 50, total: 800 });
    vi.advanceTimersByTime(SHOW_AFTER_MS);
    expect(labels()).toEqual([
      'Moving 100 of 9,000 assets to the trash…',
      'Moving 50 of 800 assets to the trash…',
    ]);
    store
      .getState()
      .bulkProgressed({ runId: 'b', operation: 'assets.remove', done: 50, total: 50 });
    expect(labels()).toEqual(['Moving 100 of 9,000 assets to the trash…']);
  });

  it('Cancel asks the engine to stop that run, and the strip says Stopping… until it ends', async () => {
    const { store, calls } = windowStore();
    expect(bulkCancelLabel('assets.remove')).toBe('Cancel moving assets to the trash');
    expect(bulkCancelLabel('jobs.pause')).toBe('Cancel pausing jobs');
    store
      .getState()
      .bulkProgressed({ runId: 'r1', operation: 'jobs.pause', done: 250, total: null });
    await store.getState().cancelBulk('r1');
    expect(calls).toContainEqual({ method: 'bulk.cancel', input: { runId: 'r1' } });
    expect(store.getState().bulkStopping).toEqual(['r1']);
    // The stopped call's last event closes the strip at what it got through.
    store
      .getState()
      .bulkProgressed({ runId: 'r1', operation: 'jobs.pause', done: 500, total: 500 });
    expect(store.getState().bulkRunning).toEqual([]);
    expect(store.getState().bulkStopping).toEqual([]);
  });

  it('says why a Cancel failed, and the run can be asked again', async () => {
    const { store } = windowStore({
      ok: false,
      error: {
        code: 'E_DISPOSED',
        message: 'Dailies is restarting its engine. Try again in a moment.',
        retryable: true,
      },
    });
    store
      .getState()
      .bulkProgressed({ runId: 'r2', operation: 'trash.empty', done: 32, total: 900 });
    await store.getState().cancelBulk('r2');
    expect(store.getState().bulkStopping).toEqual([]);
    expect(store.getState().bulkCancelError).toEqual({
      runId: 'r2',
      message: 'Dailies is restarting its engine. Try again in a moment.',
    });
  });
});
