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
