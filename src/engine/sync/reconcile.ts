import { DailiesError } from '../../shared/contract/errors';
import type { ReconcileFinding } from '../../shared/contract/sync';
import type { AssetRow } from '../catalog/repositories/asset-repository';
import type { SyncStateRow } from '../catalog/repositories/sync-state-repository';
import { s3Url } from '../storage/object-keys';
import { headObject } from '../storage/upload/s3-steps';
import { parseSnapshot, remoteChanges, snapshotOf } from './remote-snapshot';
import type { SyncConnection } from './sync-connection';

/**
 * Compares what the catalog says was sent with the bucket (HeadObject per key) and the
 * platform (the content and its video assets). Reads only: every finding is for the editor.
 */
export async function reconcileProfile(
  connection: SyncConnection,
  rows: readonly SyncStateRow[],
  assets: ReadonlyMap<number, AssetRow>,
): Promise<ReconcileFinding[]> {
  const { bucket } = connection.config;
  const findings: ReconcileFinding[] = [];
  const exists = async (key: string | null) =>
    key === null
      ? false
      : (await headObject(connection.s3, connection.run, bucket, key)) !== undefined;

  for (const row of rows) {
    const asset = assets.get(row.assetId);
    if (!asset) continue;
    const contentId = asset.contentId;
    const videoThere = await exists(row.videoKey);
    if (contentId === null) {
      if (videoThere && row.videoKey)
        findings.push({
          kind: 'uploaded-not-registered',
          assetId: asset.id,
          contentId,
          videoKey: row.videoKey,
        });
      continue;
    }
    let remote;
    try {
      remote = await connection.platform.getContent(contentId);
    } catch (error) {
      if (error instanceof DailiesError && error.code === 'E_NOT_FOUND') {
        findings.push({ kind: 'content-missing', assetId: asset.id, contentId });
        continue;
      }
      throw error;
    }
    const registered = row.videoKey
      ? (await connection.platform.listVideoAssets(contentId)).find(
          (video) => video.video_url === s3Url(bucket, row.videoKey!),
        )
      : undefined;
    if (row.videoKey && videoThere && !registered) {
      findings.push({
        kind: 'uploaded-not-registered',
        assetId: asset.id,
        contentId,
        videoKey: row.videoKey,
      });
    }
    if (registered && row.videoKey && !videoThere) {
      findings.push({
        kind: 'registered-object-missing',
        assetId: asset.id,
        contentId,
        key: row.videoKey,
      });
    }
    if (registered && row.thumbnailKey && !(await exists(row.thumbnailKey))) {
      findings.push({
        kind: 'registered-object-missing',
        assetId: asset.id,
        contentId,
        key: row.thumbnailKey,
      });
    }
    const base = parseSnapshot(row.remoteSnapshotJson);
    if (base) {
      const fields = remoteChanges(base, snapshotOf(remote), {
        title: asset.title,
        description: asset.description,
        ageRating: asset.ageRating,
      });
      if (fields.length > 0)
        findings.push({ kind: 'remote-changed', assetId: asset.id, contentId, fields });
    }
  }
  return findings;
}
