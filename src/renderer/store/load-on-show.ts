import type { DailiesStore } from './dailies-store';
import type { ViewId } from './ui-slice';

/**
 * The Analysis and Upload queue views read their jobs (every state, and the names of the
 * assets they list) the first time each one shows, not at start-up: at start those reads
 * were a dozen requests racing the Library's first page. Once read, the engine's events
 * keep them current. Returns the unsubscribe.
 */
export function loadViewsWhenShown(store: DailiesStore): () => void {
  const loaded = new Set<ViewId>();
  const show = (view: ViewId) => {
    if (loaded.has(view)) return;
    const state = store.getState();
    if (view === 'analysis') {
      void state.loadJobs();
      void state.loadTmdbJobs();
    } else if (view === 'queue') {
      void state.loadSync();
    } else {
      return;
    }
    loaded.add(view);
  };
  show(store.getState().view);
  return store.subscribe((next, previous) => {
    if (next.view !== previous.view) show(next.view);
  });
}
