import type { WebContents } from 'electron';

/**
 * Every page we create stays on our renderer: navigation away (of any frame) is cancelled, window.open and
 * target=_blank are denied, and <webview> cannot be attached. Applied to every webContents
 * the app creates (app 'web-contents-created'), not only the main window.
 */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  isAppUrl: (url: string) => boolean,
  log: (message: string, fields?: Record<string, unknown>) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log('blocked navigation', { url });
  });
  // Subframes too: will-navigate only sees the main frame; an injected iframe must not
  // leave our origin either.
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log('blocked frame navigation', { url: event.url });
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log('blocked redirect', { url });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log('blocked a new window', { url });
    return { action: 'deny' };
  });
}
