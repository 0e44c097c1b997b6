/** Electron's WebFrameMain, as far as the check needs it. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The window contents we own (Electron's WebContents), as far as the check needs it. */
export interface OwnedContents {
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
}

/**
 * True only for the top frame of one of our windows showing our own page. An iframe, a
 * page that navigated elsewhere, or any other webContents is refused, so a compromised or
 * foreign frame cannot open dialogs or reveal paths through us.
 */
export function createTrustedFrameCheck(options: {
  windows: () => readonly OwnedContents[];
  isAppUrl: (url: string) => boolean;
}): (frame: FrameLike | null | undefined) => boolean {
  return (frame) => {
    if (!frame || frame.parent !== null) return false;
    const owned = options
      .windows()
      .some((contents) => !contents.isDestroyed() && contents.mainFrame === frame);
    return owned && options.isAppUrl(frame.url);
  };
}

/**
 * Whether a URL belongs to the app's renderer: its custom origin, or the dev server's.
 * Compared as scheme + host, not URL.origin: Node's URL gives "null" as the origin of any
 * non-special scheme such as dailies-app:, which would match nothing (or everything).
 */
export function createAppUrlCheck(appOrigins: readonly string[]): (url: string) => boolean {
  const allowed = new Set(appOrigins.map(originOf).filter((origin) => origin !== null));
  return (url) => {
    const origin = originOf(url);
    return origin !== null && allowed.has(origin);
  };
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}
