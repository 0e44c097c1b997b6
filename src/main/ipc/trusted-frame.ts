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

/** Whether a URL belongs to the app's renderer: its custom origin, or the dev server's. */
export function createAppUrlCheck(appOrigins: readonly string[]): (url: string) => boolean {
  return (url) => {
    try {
      return appOrigins.includes(new URL(url).origin);
    } catch {
      return false;
    }
  };
}
