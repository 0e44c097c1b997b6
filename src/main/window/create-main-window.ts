import { BrowserWindow } from 'electron';
import type { WindowState } from '../shell/window-state';
import { secureWebPreferences } from './secure-web-preferences';

export interface MainWindowOptions {
  preloadPath: string;
  /** The dev server URL, or the dailies-app:// entry of the built renderer. */
  url: string;
  iconPath?: string;
  /** Where and how big, already placed on a connected screen (placeOnScreen). */
  state: WindowState;
  devTools: boolean;
}

/**
 * The one Dailies window. Shown once the first paint is ready so the editor never sees a
 * white flash; its security lives in secureWebPreferences() and hardenWebContents(), which
 * the app applies to every webContents.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...(options.state.x !== undefined && options.state.y !== undefined
      ? { x: options.state.x, y: options.state.y }
      : {}),
    width: options.state.width,
    height: options.state.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Dailies',
    backgroundColor: '#16181d',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => {
    if (options.state.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.url);
  return window;
}
