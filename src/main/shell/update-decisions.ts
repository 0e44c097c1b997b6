import { createHash } from 'node:crypto';
import { load } from 'js-yaml';
import { z } from 'zod';

/**
 * When Dailies looks for, offers and installs a new version. Pure decisions, kept apart from
 * electron-updater so they are tested without Electron; auto-update.ts does what they say.
 */

/** Only an installed, packaged app updates itself, and only if the editor has not said no. */
export function shouldCheckForUpdates(options: {
  isPackaged: boolean;
  enabled: boolean;
  platform: NodeJS.Platform;
  /** Set by the AppImage runtime; deb and rpm installs are updated by the package manager. */
  appImage: string | undefined;
}): boolean {
  if (!options.isPackaged || !options.enabled) return false;
  if (options.platform === 'linux') return Boolean(options.appImage);
  return options.platform === 'darwin' || options.platform === 'win32';
}

export type InstallDecision = 'restart-now' | 'ask-first' | 'wait';

/**
 * After "Restart to Update": restart at once when nothing uploads, otherwise ask (the
 * uploads stop and resume after the restart). Never restarts on its own.
 */
export function installDecision(options: {
  downloaded: boolean;
  editorAsked: boolean;
  uploadsRunning: boolean;
}): InstallDecision {
  if (!options.downloaded || !options.editorAsked) return 'wait';
  return options.uploadsRunning ? 'ask-first' : 'restart-now';
}

const feedSchema = z.object({
  version: z.string().min(1),
  files: z
    .array(
      z.object({ url: z.string().min(1), sha512: z.string().min(1), size: z.number().optional() }),
    )
    .min(1),
  releaseDate: z.string().optional(),
});
export type UpdateFeed = z.infer<typeof feedSchema>;

/** The channel file electron-builder publishes for this platform. */
export function feedFileName(platform: NodeJS.Platform, arch: string): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return arch === 'arm64' ? 'latest-linux-arm64.yml' : 'latest-linux.yml';
  return 'latest.yml';
}

export function parseUpdateFeed(text: string): UpdateFeed | null {
  try {
    const parsed = feedSchema.safeParse(load(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** a > b for dotted versions with an optional pre-release tag (which sorts before the release). */
export function isNewerVersion(candidate: string, current: string): boolean {
  const split = (version: string) => {
    const [core = '', pre] = version.replace(/^v/, '').split('-', 2);
    return { parts: core.split('.').map((part) => Number.parseInt(part, 10) || 0), pre };
  };
  const a = split(candidate);
  const b = split(current);
  for (let i = 0; i < Math.max(a.parts.length, b.parts.length); i += 1) {
    const diff = (a.parts[i] ?? 0) - (b.parts[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  if (a.pre === b.pre) return false;
  if (a.pre === undefined) return true;
  if (b.pre === undefined) return false;
  return a.pre > b.pre;
}

export type FeedDecision =
  | { kind: 'update'; version: string; file: UpdateFeed['files'][number] }
  | { kind: 'current' }
  | { kind: 'unreadable' };

/** What a feed means for this version; pre-releases only for those who opted in. */
export function decideFromFeed(
  feed: UpdateFeed | null,
  currentVersion: string,
  allowPrerelease = false,
): FeedDecision {
  if (!feed) return { kind: 'unreadable' };
  if (feed.version.includes('-') && !allowPrerelease) return { kind: 'current' };
  const [file] = feed.files;
  if (!file || !isNewerVersion(feed.version, currentVersion)) return { kind: 'current' };
  return { kind: 'update', version: feed.version, file };
}

/** The feed's sha512 is base64 of the file's SHA-512: a download that differs is refused. */
export function matchesFeedChecksum(data: Uint8Array, file: UpdateFeed['files'][number]): boolean {
  return createHash('sha512').update(data).digest('base64') === file.sha512;
}
