import { describe, expect, it } from 'vitest';
import type { ContractTransport } from '../../src/shared/contract';
import { windowStoreOver } from './window-store';

/**
 * A window's store whose engine answers `stoppedMethod` as a call the editor stopped from
 * the progress strip (E_CANCELLED with the engine's message), and a search with no assets.
 */
function windowStore(stoppedMethod: string, message: string) {
  const calls: string[] = [];
  const transport: ContractTransport = {
    request: (method) => {
      calls.push(method);
      if (method === stoppedMethod)
        return Promise.resolve({
          ok: false,
          error: { code: 'E_CANCELLED', message, retryable: false },
        });
      if (method === 'assets.search')
        return Promise.resolve({ ok: true, value: { items: [], nextCursor: null, total: 0 } });
      return Promise.resolve({ ok: true, value: {} });
    },
    listen: () => () => undefined,
  };
  const store = windowStoreOver(transport);
  return { store, calls };
}

describe('a whole-batch call stopped from the progress strip', () => {
  it('a stopped removal says how far it got as a plain notice, and shows the library as it is now', async () => {
    const message =
      'Stopped: 3,200 of 10,000 assets moved to the trash; the others are still in the library.';
    const { store, calls } = windowStore('assets.remove', message);
    await store.getState().removeAssets([1, 2, 3]);
    expect(store.getState().libraryNotice).toEqual({ tone: 'ok', text: message });
    expect(calls).toEqual(['assets.remove', 'assets.search']);
  });

  it('a stopped emptying of the trash, the same', async () => {
    const message =
      'Stopped: 500 of 2,000 assets in the trash forgotten; the others are still in the trash.';
    const { store, calls } = windowStore('trash.empty', message);
    await store.getState().emptyTrash();
    expect(store.getState().libraryNotice).toEqual({ tone: 'ok', text: message });
    expect(calls).toEqual(['trash.empty', 'assets.search']);
  });

  it('a stopped bulk edit, the same: not a failure of the form', async () => {
    const message = 'Stopped: nothing was changed (the edit of 300 assets is all or nothing).';
    const { store, calls } = windowStore('assets.bulkUpdate', message);
    const outcome = await store.getState().bulkUpdateAssets([1, 2, 3], { ageRating: '12+' });
    expect(outcome).toEqual({ kind: 'stopped', message });
    expect(store.getState().libraryNotice).toEqual({ tone: 'ok', text: message });
    expect(calls).toEqual(['assets.bulkUpdate', 'assets.search']);
  });
});
