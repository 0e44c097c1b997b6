import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  keepOnScreen,
  placeOnScreen,
  rescueBounds,
  readWindowState,
  trackWindowState,
  writeWindowState,
  type Area,
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

describe('the open window when the screens change', () => {
  function fakeScreen(areas: Area[]) {
    const listeners = new Map<string, () => void>();
    return {
      areas,
      fire: (event: string) => listeners.get(event)?.(),
      on: (event: string, listener: () => void) => listeners.set(event, listener),
      getAllDisplays: () => areas.map((workArea) => ({ workArea })),
      getPrimaryDisplay: () => ({ workArea: areas[0] ?? laptop }),
    };
  }
  function fakeWindow(bounds: Area, maximized = false) {
    const calls: string[] = [];
    const window = {
      bounds,
      calls,
      isDestroyed: () => false,
      isFullScreen: () => false,
      isMaximized: () => maximized,
      getBounds: () => window.bounds,
      setBounds: (next: Area) => {
        calls.push('setBounds');
        window.bounds = next;
      },
      maximize: () => void calls.push('maximize'),
    };
    return window;
  }

  it('comes back onto the laptop when the monitor it is on is unplugged', () => {
    const screen = fakeScreen([laptop, monitor]);
    const window = fakeWindow({ x: 1600, y: 100, width: 1800, height: 1000 });
    keepOnScreen(() => window, screen);
    screen.fire('display-metrics-changed');
    expect(window.calls).toEqual([]);

    screen.areas.splice(1, 1);
    screen.fire('display-removed');
    const { x, y, width, height } = window.bounds;
    expect(width).toBeLessThanOrEqual(laptop.width);
    expect(height).toBeLessThanOrEqual(laptop.height);
    expect(x).toBeGreaterThanOrEqual(laptop.x);
    expect(y).toBeGreaterThanOrEqual(laptop.y);
    expect(x + width).toBeLessThanOrEqual(laptop.x + laptop.width);
    expect(y + height).toBeLessThanOrEqual(laptop.y + laptop.height);
  });

  it('stays maximised, now on the screen that is left', () => {
    const screen = fakeScreen([laptop]);
    const window = fakeWindow({ x: 1440, y: 0, width: 2560, height: 1415 }, true);
    keepOnScreen(() => window, screen);
    screen.fire('display-removed');
    expect(window.calls).toEqual(['setBounds', 'maximize']);
  });

  it('leaves a window that is still on a screen alone', () => {
    expect(
      rescueBounds({ x: 100, y: 100, width: 800, height: 600 }, [laptop, monitor], laptop),
    ).toBeNull();
  });
});
