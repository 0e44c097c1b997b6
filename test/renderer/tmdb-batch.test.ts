import { describe, expect, it } from 'vitest';
import type { ContractTransport } from '../../src/shared/contract';
import type { DailiesStore } from '../../src/renderer/store/dailies-store';
import { windowStoreOver } from './window-store';

/**
 * A window's store whose engine looks the first asset up (tmdb.candidates) before it answers
 * the call that queued the lookups, as a fast lookup does; or refuses the call.
 */
function windowStore(refuse: boolean) {
  let store: DailiesStore | null = null;
  const transport: ContractTransport = {
    request: (method) => {
      if (method === 'tmdb.suggestForSelection') {
        if (refuse)
          return Promise.resolve({
            ok: false,
            error: { code: 'E_TMDB_AUTH', message: 'No TMDB key is set.', retryable: false },
          });
        store!
          .getState()
          .tmdbCandidatesChanged({ assetId: 1, count: 3, noMatch: false, error: null });
        return Promise.resolve({ ok: true, value: { queued: 2 } });
      }
      if (method === 'assets.search')
        return Promise.resolve({ ok: true, value: { items: [], nextCursor: null, total: 0 } });
      return Promise.resolve({ ok: true, value: {} });
    },
    listen: () => () => undefined,
  };
  store = windowStoreOver(transport);
  return store;
}

describe('suggestions for a selection', () => {
  it('counts a lookup that answered before the call that queued it', async () => {
    const store = windowStore(false);
    await store.getState().suggestForSelection([1, 2]);
    expect(store.getState().tmdbBatch?.results[1]).toMatchObject({ count: 3 });
    expect(store.getState().libraryNotice?.tone).toBe('ok');
  });

  it('leaves no batch behind when the engine refuses the call', async () => {
    const store = windowStore(true);
    await store.getState().suggestForSelection([1, 2]);
    expect(store.getState().tmdbBatch).toBeNull();
    expect(store.getState().libraryNotice).toEqual({ tone: 'bad', text: 'No TMDB key is set.' });
  });
});
