import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './secure-web-preferences';

export interface MainWindowOptions {
  preloadPath: string;
  /** The dev server URL, or the dailies-app:// entry of the built renderer. */
  url: string;
  iconPath?: string;
}

/**
 * The one Dailies window. Shown once the first paint is ready so the editor never sees a
 * white flash; its security lives in secureWebPreferences() and hardenWebContents(), which
 * the app applies to every webContents.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Dailies',
    backgroundColor: '#16181d',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
