/** What the ingest takes as video by default; Settings > extra video extensions adds more. */
export const defaultVideoExtensions = [
  'mp4',
  'mov',
  'mkv',
  'mxf',
  'avi',
  'm4v',
  'webm',
  'mts',
  'm2ts',
] as const;

/**
 * Audio files are taken too: analysis catalogues them and flags them as audio only (no
 * picture, so no thumbnail), which tells an editor why a delivery has no video rather than
 * leaving the file out without a word.
 */
export const defaultAudioExtensions = [
  'm4a',
  'wav',
  'mp3',
  'aac',
  'flac',
  'aif',
  'aiff',
  'ogg',
  'opus',
] as const;

export function videoExtensionSet(extra: readonly string[]): ReadonlySet<string> {
  return new Set([
    ...defaultVideoExtensions,
    ...defaultAudioExtensions,
    ...extra.map((ext) => ext.toLowerCase()),
  ]);
}

/** The lower-case extension without the dot, or '' when there is none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

const systemNames = new Set([
  'thumbs.db',
  'desktop.ini',
  '$recycle.bin',
  'system volume information',
  'lost+found',
]);

/**
 * Hidden (dot) files and folders and the clutter operating systems leave on volumes:
 * macOS' ._ resource forks are dot files too. Never ingested.
 */
export function isHiddenOrSystem(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || systemNames.has(name.toLowerCase());
}
