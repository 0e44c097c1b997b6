import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  placeOnScreen,
  readWindowState,
  trackWindowState,
  writeWindowState,
  type WindowState,
} from '../../../src/main/shell/window-state';
import { tempDir } from '../../helpers/temp-dir';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('the remembered window', () => {
  it('reopens where it was, at its size and maximised state, across launches', () => {
    const file = path.join(tempDir('dailies-window-'), 'window-state.json');
    let onClose = (): void => undefined;
    trackWindowState(
      {
        on: (_event, listener) => (onClose = listener),
        getNormalBounds: () => ({ x: 1600.4, y: 100, width: 1800, height: 1000 }),
        isMaximized: () => true,
      },
      (state) => writeWindowState(file, state),
    );
    onClose();
    const saved = readWindowState(file);
    expect(saved).toEqual({ x: 1600, y: 100, width: 1800, height: 1000, maximized: true });
    expect(placeOnScreen(saved, [laptop, monitor], laptop)).toEqual(saved);
  });

  it('comes back onto the laptop screen when the monitor it was on is gone', () => {
    const saved: WindowState = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    const placed = placeOnScreen(saved, [laptop], laptop);
    expect(placed.x).toBeUndefined();
    expect(placed.y).toBeUndefined();
    expect(placed.width).toBeLessThanOrEqual(laptop.width);
    expect(placed.height).toBeLessThanOrEqual(laptop.height);
  });

  it('is not kept with its title bar above the screen', () => {
    const placed = placeOnScreen(
      { x: 10, y: -500, width: 1000, height: 700, maximized: false },
      [laptop],
      laptop,
    );
    expect(placed).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('opens at the default size when nothing (or something broken) was saved', () => {
    const dir = tempDir('dailies-window-');
    expect(readWindowState(path.join(dir, 'missing.json'))).toBeNull();
    const broken = path.join(dir, 'broken.json');
    writeWindowState(broken, { width: 5, height: 5, maximized: false });
    expect(readWindowState(broken)).toBeNull();
    expect(placeOnScreen(null, [monitor], monitor)).toEqual({
      width: 1280,
      height: 800,
      maximized: false,
    });
  });
});
