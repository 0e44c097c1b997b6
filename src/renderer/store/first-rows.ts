import type { DailiesStore } from './dailies-store';

/**
 * Longest the window's first render waits for the Library's first page. The page is asked
 * for before the script has finished loading (first-page.ts), so it is usually in by then;
 * a slower engine gets the empty window after this long, and its rows when they come.
 */
const FIRST_ROWS_WAIT_MS = 100;

/**
 * Runs `render` once the Library's first page is in (or has failed), or after
 * FIRST_ROWS_WAIT_MS, whichever comes first: the window's first render then draws its rows,
 * instead of drawing the whole window empty and then again with them.
 */
export function renderWithFirstRows(store: DailiesStore, render: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    stop();
    render();
  };
  const timer = setTimeout(once, FIRST_ROWS_WAIT_MS);
  const stop = store.subscribe((state) => {
    if (!state.assetsLoading) once();
  });
  if (!store.getState().assetsLoading) once();
}
