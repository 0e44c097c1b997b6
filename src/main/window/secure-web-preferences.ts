import type { WebPreferences } from 'electron';

/**
 * The renderer's sandbox: no Node, isolated preload world, Chromium's sandbox, web
 * security on. The preload is one CommonJS file that needs nothing but `electron`, which
 * is all a sandboxed preload may load.
 */
export function secureWebPreferences(
  preloadPath: string,
  options: { devTools: boolean } = { devTools: true },
): WebPreferences {
  return {
    preload: preloadPath,
    // Packaged builds have no DevTools: nobody can inspect an editor's session or tokens.
    devTools: options.devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}
