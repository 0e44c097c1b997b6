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
    requestAnimationFrame(() => setTimeout(() => {
      const entries = performance.getEntriesByType('resource');
      const search = entries.find((entry) => entry.name.includes('/assets.search'));
      const scripts = entries.filter((entry) => entry.initiatorType === 'script');
      window.__firstRowsParts = {
        scriptsLoaded: Math.max(0, ...scripts.map((entry) => entry.responseEnd)),
        searchAsked: search ? search.startTime : null,
        searchAnswered: search ? search.responseEnd : null,
      };
      window.__firstRowsAt = performance.now();
    }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/**
 * Resolves with the first-rows time and its parts (scripts loaded, first search asked and
 * answered) once it is known, or null after `ms`.
 */
export const firstRowsAt = (ms: number) => `new Promise((resolve) => {
  const started = performance.now();
  const check = () => window.__firstRowsAt !== null && window.__firstRowsAt !== undefined
    ? resolve({ at: window.__firstRowsAt, ...window.__firstRowsParts })
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
  window.__searchRequests = [];
  performance.setResourceTimingBufferSize(100000);
  let pending = null;
  const field = document.querySelector('input[type="search"]');
  const grid = document.querySelector('[role="grid"]');
  field.addEventListener('keydown', (event) => { pending = { t0: event.timeStamp, text: null }; }, true);
  field.addEventListener('input', () => { if (pending) pending.text = field.value; }, true);
  new MutationObserver(() => {
    if (!pending || pending.text === null || grid.dataset.resultsFor !== pending.text) return;
    const { t0 } = pending;
    pending = null;
    // The search request this key led to (the last one asked after it): its share is the
    // wire and the engine, the rest is the renderer's.
    const asked = performance.getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/assets.search') && entry.startTime >= t0);
    const request = asked[asked.length - 1];
    requestAnimationFrame(() => setTimeout(() => {
      window.__searchSamples.push(performance.now() - t0);
      window.__searchRequests.push(request ? request.responseEnd - request.startTime : 0);
    }, 0));
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

/**
 * The bare baseline for scrolling: `rows` plain rows (a coloured box and two lines of text,
 * the list's row height) in a scroller the size of the Library's, no framework, no virtual
 * list. What this machine's Chromium manages when a page does nothing but scroll.
 */
export const bareScroller = (rows: number, rowHeight: number) => `(() => {
  document.body.style.margin = '0';
  const scroller = document.createElement('div');
  scroller.id = 'bare-scroller';
  scroller.style.cssText = 'height: 560px; width: 900px; overflow: auto; font: 14px sans-serif';
  const rowsHtml = [];
  for (let i = 0; i < ${rows}; i += 1) {
    rowsHtml.push('<div style="height:${rowHeight}px;display:flex;gap:8px;align-items:center">' +
      '<div style="width:64px;height:36px;background:hsl(' + (i * 37) % 360 + ',60%,50%)"></div>' +
      '<div><b>Row ' + i + ' title</b><br><small>' + i + '_file-name.mp4</small></div></div>');
  }
  scroller.innerHTML = rowsHtml.join('');
  document.body.appendChild(scroller);
})()`;
