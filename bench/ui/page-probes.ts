/**
 * What the UI benchmark runs inside the page. Strings, because bench/ is type-checked for
 * Node without the DOM library; they go through page.evaluate (the DevTools protocol), which
 * the page's Content-Security-Policy does not apply to. Times are the page's own
 * performance.now(), whose zero is the navigation start.
 */

/** Init script: when the first asset row is in the DOM, the time of the frame that shows it. */
export const recordFirstRows = `(() => {
  window.__firstRowsAt = null;
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[id^="asset-row-"]')) return;
    observer.disconnect();
    // After the next frame's paint: rAF runs just before it, a task just after.
    requestAnimationFrame(() => setTimeout(() => (window.__firstRowsAt = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/** Resolves with the first-rows time once it is known (or null after `ms`). */
export const firstRowsAt = (ms: number) => `new Promise((resolve) => {
  const started = performance.now();
  const check = () => window.__firstRowsAt !== null && window.__firstRowsAt !== undefined
    ? resolve(window.__firstRowsAt)
    : performance.now() - started > ${ms} ? resolve(null) : setTimeout(check, 5);
  check();
})`;

/**
 * Installs the search probe: each key typed into the search field starts a sample (at the
 * key event's own time stamp); it ends with the frame after the list shows the answer to
 * the field's text (the grid's data-results-for names the search its rows answer).
 */
export const watchSearch = `(() => {
  window.__searchSamples = [];
  let pending = null;
  const field = document.querySelector('input[type="search"]');
  const grid = document.querySelector('[role="grid"]');
  field.addEventListener('keydown', (event) => { pending = { t0: event.timeStamp, text: null }; }, true);
  field.addEventListener('input', () => { if (pending) pending.text = field.value; }, true);
  new MutationObserver(() => {
    if (!pending || pending.text === null || grid.dataset.resultsFor !== pending.text) return;
    const { t0 } = pending;
    pending = null;
    requestAnimationFrame(() => setTimeout(() => window.__searchSamples.push(performance.now() - t0), 0));
  }).observe(grid, { attributes: true, attributeFilter: ['data-results-for'] });
})()`;

/** Resolves once there are `count` search samples, or after `ms` (a lost sample). */
export const searchSamples = (count: number, ms: number) => `new Promise((resolve) => {
  const started = performance.now();
  const check = () => window.__searchSamples.length >= ${count} || performance.now() - started > ${ms}
    ? resolve(window.__searchSamples.slice())
    : setTimeout(check, 5);
  check();
})`;

/**
 * Scrolls `selector` by `step` px every frame for `ms`, and returns every frame's interval
 * (requestAnimationFrame times). A frame that came late by one or more vsyncs dropped them.
 */
export const scrollFrames = (
  selector: string,
  step: number,
  ms: number,
) => `new Promise((resolve) => {
  const el = document.querySelector(${JSON.stringify(selector)});
  const intervals = [];
  let start = 0;
  let last = 0;
  const frame = (now) => {
    intervals.push(now - last);
    last = now;
    el.scrollTop += ${step};
    if (now - start < ${ms}) requestAnimationFrame(frame);
    else resolve(intervals);
  };
  requestAnimationFrame((now) => {
    start = last = now;
    el.scrollTop += ${step};
    requestAnimationFrame(frame);
  });
})`;
