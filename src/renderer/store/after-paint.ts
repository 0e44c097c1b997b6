/** Longest wait for a frame: a window not shown yet (or a background tab) paints none. */
const NO_FRAME_MS = 100;

/**
 * Runs `run` once the next frame has painted (a frame callback, then a task after it), or
 * after NO_FRAME_MS when no frame comes. What waits on it starts after what is on screen.
 */
export function afterPaint(run: () => void): void {
  let ran = false;
  const once = () => {
    if (ran) return;
    ran = true;
    run();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, NO_FRAME_MS);
}
