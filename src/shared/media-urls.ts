/**
 * Where an asset's stills live and how a view addresses them. The engine writes them under
 * `<dataDir>/stills/<assetId>/`; the web host serves that folder at `/media/assets/...` (with
 * the run's token as a query parameter, since an <img> cannot send a header) and Electron at
 * `dailies-media://assets/...`. One convention, so neither host guesses the other's layout.
 */
export const stillFiles = {
  thumbnail: 'thumbnail.jpg',
  filmstrip: 'filmstrip.jpg',
  filmstripIndex: 'filmstrip.json',
} as const;
export type StillKind = keyof typeof stillFiles;

export const STILLS_DIR = 'stills';

/** The path (relative to a host's origin) of one still, with its version for caching. */
export function stillPath(assetId: number, kind: StillKind, version: number): string {
  return `/media/assets/${assetId}/${stillFiles[kind]}?v=${version}`;
}

/** The Electron protocol that serves the stills folder (the CSP's img-src allows it). */
export const MEDIA_SCHEME = 'dailies-media';

/** Where the web host serves stills: `/media/assets/<id>/<file>`. */
export const MEDIA_ASSETS_PREFIX = '/media/assets';

export type StillFileName = (typeof stillFiles)[StillKind];

const stillFileNames: ReadonlySet<string> = new Set(Object.values(stillFiles));

/** What a still URL names once checked: a positive asset id and one of the three files. */
export interface StillRequest {
  assetId: number;
  file: StillFileName;
}

/**
 * Reads `/<assetId>/<file>` (the part after `/media/assets` on the web, the path of
 * `dailies-media://assets/...` in Electron). Matched on the raw, undecoded path with an
 * exact pattern, so `..`, encoded slashes and any other file name are simply not a still.
 */
export function parseStillPath(rest: string): StillRequest | null {
  const match = /^\/([1-9][0-9]{0,14})\/([a-z]+\.(?:jpg|json))$/.exec(rest);
  if (!match?.[1] || !match[2] || !stillFileNames.has(match[2])) return null;
  return { assetId: Number(match[1]), file: match[2] as StillFileName };
}

/** The content type each still file is served with. */
export function stillContentType(file: StillFileName): string {
  return file.endsWith('.json') ? 'application/json; charset=utf-8' : 'image/jpeg';
}

/** The Electron URL of one still: `dailies-media://assets/<id>/<file>?v=<version>`. */
export function desktopStillUrl(assetId: number, kind: StillKind, version: number): string {
  return `${MEDIA_SCHEME}://assets/${assetId}/${stillFiles[kind]}?v=${version}`;
}

/** Builds the URL a view puts in an <img src>; each transport knows its own. */
export type StillUrl = (assetId: number, kind: StillKind, version: number) => string;
