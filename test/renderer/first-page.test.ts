import { describe, expect, it } from 'vitest';
import {
  createApiClient,
  type ContractTransport,
  type WireEvent,
  type WireResult,
} from '../../src/shared/contract';
import { firstPageInput } from '../../src/renderer/store/library-query';
import { withHeadStart } from '../../src/renderer/transport/head-start';
import { windowStoreOver } from './window-store';

/**
 * The window asks for the Library's first page before its script has finished loading
 * (src/renderer/first-page.ts); the store's first loadAssets must take that answer, not ask
 * again, and nothing later may be answered with it. The transport answers every search with
 * an empty page whose total counts the searches asked so far, so the total the Library
 * shows says which answer it took. `emit` sends an event to whoever listens at the time;
 * `listening` counts the listeners over time.
 */
function recordingTransport() {
  const searches: unknown[] = [];
  const listeners = new Set<(event: WireEvent) => void>();
  const listening: number[] = [];
  const transport: ContractTransport = {
    request(method, input): Promise<WireResult> {
      if (method !== 'assets.search') {
        return Promise.resolve({
          ok: false,
          error: { code: 'E_INTERNAL', message: 'not in this test', retryable: false },
        });
      }
      searches.push(input);
      return Promise.resolve({
        ok: true,
        value: { items: [], nextCursor: null, total: searches.length },
      });
    },
    listen(listener) {
      listeners.add(listener);
      listening.push(listeners.size);
      return () => {
        listeners.delete(listener);
        listening.push(listeners.size);
      };
    },
  };
  const emit = (name: string, payload: unknown) => {
    for (const listener of [...listeners]) listener({ kind: 'event', name, payload });
  };
  return { transport, searches, emit, listening };
}

function headStart(transport: ContractTransport): ContractTransport {
  return withHeadStart(transport, 'assets.search', firstPageInput(), 'assets.changed');
}

function storeOver(transport: ContractTransport) {
  return windowStoreOver(transport);
}

describe("the Library's first page, asked for early", () => {
  it('is asked for once: the first load shows the early answer', async () => {
    const { transport, searches } = recordingTransport();
    const store = storeOver(headStart(transport));
    expect(searches).toEqual([firstPageInput()]);
    await store.getState().loadAssets();
    expect(searches).toHaveLength(1);
    expect(store.getState().assetsTotal).toBe(1);
  });

  it('answers only the first load: the same search later is asked again', async () => {
    const { transport, searches } = recordingTransport();
    const store = storeOver(headStart(transport));
    await store.getState().loadAssets();
    await store.getState().refreshAssets();
    expect(searches).toHaveLength(2);
    expect(store.getState().assetsTotal).toBe(2);
  });

  it('is dropped when the first search differs, and not used for a later one', async () => {
    const { transport, searches } = recordingTransport();
    const store = storeOver(headStart(transport));
    store.getState().setQueryText('dusk');
    await expect.poll(() => store.getState().assetsTotal).toBe(2);
    store.getState().setQueryText('');
    await expect.poll(() => store.getState().assetsTotal).toBe(3);
    expect(searches).toEqual([
      firstPageInput(),
      { ...firstPageInput(), query: 'dusk' },
      firstPageInput(),
    ]);
  });

  it('is dropped when assets change before the store follows the changes', async () => {
    const { transport, searches, emit } = recordingTransport();
    const store = storeOver(headStart(transport));
    emit('assets.changed', { reason: 'added', ids: [7] });
    await store.getState().loadAssets();
    expect(searches).toEqual([firstPageInput(), firstPageInput()]);
    expect(store.getState().assetsTotal).toBe(2);
  });

  it('is kept through other events before the store connects', async () => {
    const { transport, searches, emit } = recordingTransport();
    const store = storeOver(headStart(transport));
    emit('ingest.progress', { done: 1 });
    await store.getState().loadAssets();
    expect(searches).toHaveLength(1);
    expect(store.getState().assetsTotal).toBe(1);
  });

  it("hands the event stream to the app's listener without closing it in between", async () => {
    const { transport, emit, listening } = recordingTransport();
    const api = createApiClient(headStart(transport));
    await api.invoke('assets.search', firstPageInput());
    const seen: number[][] = [];
    api.subscribe('assets.changed', (change) => seen.push(change.ids));
    emit('assets.changed', { reason: 'added', ids: [7] });
    // The early watch, then the app's listener beside it, then the app's listener alone.
    expect(listening).toEqual([1, 2, 1]);
    expect(seen).toEqual([[7]]);
  });
});
