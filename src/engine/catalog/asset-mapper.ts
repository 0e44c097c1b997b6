import type { Asset, AssetLocation } from '../../shared/contract';
import type { Metadata } from '../../shared/metadata/metadata-schema';
import type { AssetRow } from './repositories/asset-repository';
import type { LocationRow } from './repositories/location-repository';

/** The one place catalog rows become the contract's Asset. */
/** What the analysis wrote for an asset's stills (see AnalysisRepository.findStills). */
export interface StillsRow {
  assetId: number;
  thumbnailPath: string | null;
  filmstripPath: string | null;
  analysedAt: string;
}

export function toAsset(
  row: AssetRow,
  locations: readonly LocationRow[],
  stills?: StillsRow,
): Asset {
  return {
    id: row.id,
    sha256: row.sha256,
    sizeBytes: row.sizeBytes,
    fileName: row.fileName,
    extension: row.extension,
    ...toMetadata(row),
    status: row.status,
    needsAnalysis: row.needsAnalysis,
    codec: row.codec,
    width: row.width,
    height: row.height,
    resolutionClass: row.resolutionClass,
    durationSeconds: row.durationSeconds,
    syncedAt: row.syncedAt,
    addedAt: row.addedAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    revision: row.revision,
    stills: toStills(stills),
    locations: locations.map(toLocation),
  };
}

/** The analysis time is the version: it changes whenever the stills are rewritten. */
function toStills(row: StillsRow | undefined): Asset['stills'] {
  if (!row || row.thumbnailPath === null) return null;
  return { version: Date.parse(row.analysedAt), filmstrip: row.filmstripPath !== null };
}

function toLocation(row: LocationRow): AssetLocation {
  return {
    id: row.id,
    path: row.path,
    folder: row.folder,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    mtimeMs: row.mtimeMs,
    firstSeenAt: row.firstSeenAt,
    lastSeenAt: row.lastSeenAt,
  };
}

export function parseTags(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value)
      ? value.filter((tag): tag is string => typeof tag === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Rows plus their locations, fetched with one query for the whole page. */
export function toAssets(
  rows: readonly AssetRow[],
  findLocations: (ids: readonly number[]) => LocationRow[],
  findStills: (ids: readonly number[]) => StillsRow[] = () => [],
): Asset[] {
  const locations = findLocations(rows.map((row) => row.id));
  const stills = new Map(findStills(rows.map((row) => row.id)).map((s) => [s.assetId, s]));
  const byAsset = new Map<number, LocationRow[]>();
  for (const location of locations) {
    const list = byAsset.get(location.assetId);
    if (list) list.push(location);
    else byAsset.set(location.assetId, [location]);
  }
  return rows.map((row) => toAsset(row, byAsset.get(row.id) ?? [], stills.get(row.id)));
}

/** The fields an editor edits, as the metadata service and its history see them. */
export function toMetadata(row: AssetRow): Metadata {
  return {
    title: row.title,
    description: row.description,
    ageRating: row.ageRating,
    contentId: row.contentId,
    slug: row.slug,
    tags: parseTags(row.tagsJson),
    notes: row.notes,
  };
}
