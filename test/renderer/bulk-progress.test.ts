import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, type ContractTransport } from '../../src/shared/contract';
import { desktopStillUrl } from '../../src/shared/media-urls';
import { addingLabel, bulkLabel } from '../../src/renderer/components/bulk-progress-wording';
import { createDailiesStore } from '../../src/renderer/store/dailies-store';

/** A window's store on a transport that records calls and answers each with nothing. */
function windowStore() {
  const calls: Array<{ method: string; input: unknown }> = [];
  const transport: ContractTransport = {
    request: (method, input) => {
      calls.push({ method, input });
      return Promise.resolve({ ok: true, value: { cancelled: 1 } });
    },
    listen: () => () => undefined,
  };
  const store = createDailiesStore(createApiClient(transport), {
    stillUrl: desktopStillUrl,
    desktop: null,
    downloadSupportBundle: null,
  });
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
    store.getState().bulkProgressed({ operation: 'jobs.pause', done: 250, total: null });
    store.getState().bulkProgressed({ operation: 'assets.remove', done: 500, total: 10_000 });
    store.getState().bulkProgressed({ operation: 'jobs.pause', done: 2_500, total: null });
    expect(labels()).toEqual([
      'Pausing jobs: 2,500 jobs so far…',
      'Moving 500 of 10,000 assets to the trash…',
    ]);
    store.getState().bulkProgressed({ operation: 'jobs.pause', done: 2_600, total: 2_600 });
    expect(labels()).toEqual(['Moving 500 of 10,000 assets to the trash…']);
    store.getState().bulkProgressed({ operation: 'assets.remove', done: 10_000, total: 10_000 });
    expect(labels()).toEqual([]);
  });

  it('lets go of a call that falls silent without its last event (it failed half way)', () => {
    const { store } = windowStore();
    const labels = () => store.getState().bulkRunning.map(bulkLabel);
    store.getState().bulkProgressed({ operation: 'trash.empty', done: 500, total: 2_000 });
    store.getState().bulkProgressed({ operation: 'jobs.pause', done: 250, total: null });
    vi.advanceTimersByTime(10_000);
    // News of one call keeps it; the other has been silent for 15 s by then.
    store.getState().bulkProgressed({ operation: 'jobs.pause', done: 500, total: null });
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
});
