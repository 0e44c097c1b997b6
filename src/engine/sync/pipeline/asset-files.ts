import crypto from 'node:crypto';
import fs from 'node:fs';
import { dailiesError } from '../../../shared/contract';
import { fromCatalog } from '../../ingest/raw-path';
import type { AssetRow } from '../../catalog/repositories/asset-repository';
import type { SyncAssetDeps } from '../sync-asset-deps';

/** The first location that is a readable path, with the size and mtime the catalog hashed. */
export function videoFile(deps: SyncAssetDeps, asset: AssetRow) {
  const locations = deps.locations.findByAssetIds([asset.id]);
  for (const location of locations) {
    if (fs.existsSync(fromCatalog(location.path, location.pathBytes))) return location;
  }
  throw dailiesError(
    'E_FILE_MISSING',
    `The file of "${asset.title}" is not where Dailies last saw it (${locations[0]?.path ?? 'no path'}). ` +
      'Reconnect the drive or add the file again.',
    { details: { assetId: asset.id } },
  );
}

/** The thumbnail the analysis made, hashed now: it may have been made again since. */
export function thumbnailFile(deps: SyncAssetDeps, asset: AssetRow) {
  const file = deps.analysis.findByAssetId(asset.id)?.thumbnailPath;
  if (!file || !fs.existsSync(file)) {
    throw dailiesError(
      'E_VALIDATION',
      `"${asset.title}" has no thumbnail yet: analyse it before syncing.`,
      { details: { assetId: asset.id } },
    );
  }
  const bytes = fs.readFileSync(file);
  const stat = fs.statSync(file);
  return {
    path: file,
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
  };
}
