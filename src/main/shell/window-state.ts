import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const defaultWindowState: WindowState = { width: 1280, height: 800, maximized: false };

/** How much of the window's top edge must show on some screen to be grabbed and moved. */
const GRAB_WIDTH = 120;
const GRAB_HEIGHT = 40;

/**
 * Where to open the window: the remembered place when its title bar is still on a screen,
 * otherwise centred (no position) on the primary screen, never larger than the screen it
 * opens on. Covers a monitor unplugged since the last launch and a smaller laptop screen.
 */
export function placeOnScreen(
  saved: WindowState | null,
  workAreas: readonly Area[],
  primary: Area,
): WindowState {
  const state = saved ?? defaultWindowState;
  const grabbable = (area: Area): boolean =>
    state.x !== undefined &&
    state.y !== undefined &&
    overlap(state.x, state.width, area.x, area.width) >= Math.min(GRAB_WIDTH, state.width) &&
    state.y >= area.y &&
    state.y + GRAB_HEIGHT <= area.y + area.height;
  const home = workAreas.find(grabbable);
  const screen = home ?? primary;
  const width = Math.min(state.width, screen.width);
  const height = Math.min(state.height, screen.height);
  if (!home || state.x === undefined || state.y === undefined) {
    return { width, height, maximized: state.maximized };
  }
  return { x: state.x, y: state.y, width, height, maximized: state.maximized };
}

/**
 * Where an open window must go when a screen goes away under it (a monitor unplugged, a
 * laptop closed): null while its title bar is still on a screen, otherwise its bounds centred
 * on the primary screen and no larger than it. The OS does this itself on some systems, not
 * on all (X11 window managers leave windows where they were).
 */
export function rescueBounds(bounds: Area, workAreas: readonly Area[], primary: Area): Area | null {
  const placed = placeOnScreen({ ...bounds, maximized: false }, workAreas, primary);
  if (placed.x !== undefined && placed.y !== undefined) return null;
  return {
    x: Math.round(primary.x + (primary.width - placed.width) / 2),
    y: Math.round(primary.y + (primary.height - placed.height) / 2),
    width: placed.width,
    height: placed.height,
  };
}

function overlap(start: number, length: number, areaStart: number, areaLength: number): number {
  return Math.max(0, Math.min(start + length, areaStart + areaLength) - Math.max(start, areaStart));
}

export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(state));
  fs.renameSync(temporary, file);
}

/** The BrowserWindow calls the tracker needs. */
export interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Area;
  isMaximized(): boolean;
}

/** Remembers the window's normal (unmaximised) bounds and maximised state when it closes. */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => void): void {
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    save({
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized: window.isMaximized(),
    });
  });
}

/** The BrowserWindow and screen calls keepOnScreen needs. */
export interface MovableWindow {
  isDestroyed(): boolean;
  isFullScreen(): boolean;
  isMaximized(): boolean;
  getBounds(): Area;
  setBounds(bounds: Area): void;
  maximize(): void;
}
export interface ScreenLike {
  on(event: 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
  getAllDisplays(): Array<{ workArea: Area }>;
  getPrimaryDisplay(): { workArea: Area };
}

/**
 * Brings the window back onto a connected screen whenever the screens change, so a monitor
 * unplugged while Dailies runs never leaves the window out of reach. A maximised window is
 * maximised again on the screen it lands on; a full-screen one is left to the OS.
 */
export function keepOnScreen(window: () => MovableWindow | null, screen: ScreenLike): void {
  const check = (): void => {
    const current = window();
    if (!current || current.isDestroyed() || current.isFullScreen()) return;
    const next = rescueBounds(
      current.getBounds(),
      screen.getAllDisplays().map((display) => display.workArea),
      screen.getPrimaryDisplay().workArea,
    );
    if (!next) return;
    const maximized = current.isMaximized();
    current.setBounds(next);
    if (maximized) current.maximize();
  };
  screen.on('display-removed', check);
  screen.on('display-metrics-changed', check);
}
