// Not the contract's index: this runs before the rest of the window's script (first-page.ts),
// and the index would build every method's schemas first.
import { bridgeKey } from '../../shared/contract/bridge';
import type { ContractTransport } from '../../shared/contract/client';
import type { DailiesDesktopBridge, DesktopBridge } from '../../shared/desktop-ipc';
import { desktopStillUrl, stillPath, type StillUrl } from '../../shared/media-urls';
import { createHttpTransport } from './http-transport';
import { webSupportDownload } from './support-download';

/** What the window's host offers beside the contract: where stills live, desktop extras. */
export interface HostServices {
  /** The <img> URL of an asset's still, in this host's own scheme. */
  stillUrl: StillUrl;
  /** Native pickers and dropped-file paths; null in a browser. */
  desktop: DesktopBridge | null;
  /**
   * Hands a support bundle the engine wrote to the editor as a download (a browser, which
   * cannot open the engine's folders); null where the file on disk is the editor's own.
   */
  downloadSupportBundle: ((file: string) => Promise<void>) | null;
}

export type TransportChoice =
  | { kind: 'electron'; transport: ContractTransport; host: HostServices }
  | { kind: 'web'; transport: ContractTransport; host: HostServices }
  | { kind: 'no-token' };

/**
 * Chosen once at start: the preload's bridge when the page runs in the desktop app,
 * otherwise HTTP + SSE against the web host that served the page, with the token from the
 * address it printed. The token stays in the address bar so a reload keeps working.
 * Stills follow the transport: `dailies-media://` in Electron; on the web the host's own
 * /media/ path with the token in the query, because an <img> cannot send a header.
 */
export function pickTransport(win: Window): TransportChoice {
  const bridge = (win as unknown as Record<string, DailiesDesktopBridge | undefined>)[bridgeKey];
  if (bridge) {
    return {
      kind: 'electron',
      transport: bridge,
      host: {
        stillUrl: desktopStillUrl,
        desktop: bridge.desktop ?? null,
        downloadSupportBundle: null,
      },
    };
  }
  const token = new URL(win.location.href).searchParams.get('token');
  if (!token) return { kind: 'no-token' };
  const origin = win.location.origin;
  return {
    kind: 'web',
    transport: createHttpTransport({ origin, token }),
    host: {
      stillUrl: webStillUrl(origin, token),
      desktop: null,
      downloadSupportBundle: webSupportDownload(origin, token),
    },
  };
}

/**
 * Built as a string from parts made once: every row and card asks for its thumbnail's URL
 * as it renders, and `new URL` with `searchParams.set` cost about 0.1 ms each in Chromium
 * (a new page of rows asked for dozens). The result is the same as building it with URL.
 */
export function webStillUrl(origin: string, token: string): StillUrl {
  const base = new URL(origin).origin;
  const tokenParam = new URLSearchParams({ token }).toString();
  return (assetId, kind, version) => {
    const path = stillPath(assetId, kind, version);
    return `${base}${path}${path.includes('?') ? '&' : '?'}${tokenParam}`;
  };
}
