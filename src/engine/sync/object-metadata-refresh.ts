import crypto from 'node:crypto';
import fs from 'node:fs';
import { isDailiesError } from '../../shared/contract';
import type { Encryption } from '../../shared/contract/upload-settings';
import type { AssetRow } from '../catalog/repositories/asset-repository';
import type { SyncStateRow } from '../catalog/repositories/sync-state-repository';
import type { Logger } from '../logging/logger';
import { objectMetadata } from '../storage/object-metadata';
import type { ServerSideEncryption } from '../storage/upload/upload-types';
import type { SyncConnection } from './sync-connection';

/** The profile's encryption setting as the uploader takes it. */
export function serverSideEncryption(encryption: Encryption): ServerSideEncryption {
  return encryption.kind === 'sse-kms'
    ? { kind: 'sse-kms', keyId: encryption.kmsKeyId }
    : encryption;
}

/**
 * After the platform took an edited asset's metadata, the objects get it too: the platform's
 * cloud function and anyone browsing the bucket read title, description and age rating from
 * `x-amz-meta-*` (PLATFORM_API.md, "Object headers"). The bodies are not sent again.
 */
export async function refreshObjectMetadata(
  connection: SyncConnection,
  asset: AssetRow,
  state: SyncStateRow,
  thumbnailPath: string | null,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  if (asset.contentId === null) return;
  const { config, uploader } = connection;
  const metadata = objectMetadata({
    sha256: asset.sha256,
    contentId: asset.contentId,
    title: asset.title,
    description: asset.description,
    ageRating: asset.ageRating,
  });
  const encryption = serverSideEncryption(config.encryption);
  if (state.videoKey && state.videoSha256) {
    await uploader.refreshMetadata({
      assetId: asset.id,
      bucket: config.bucket,
      key: state.videoKey,
      sha256: state.videoSha256,
      metadata,
      encryption,
      signal,
    });
  }
  if (!state.thumbnailKey || !thumbnailPath || !fs.existsSync(thumbnailPath)) return;
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(thumbnailPath)).digest('hex');
  try {
    await uploader.refreshMetadata({
      assetId: asset.id,
      bucket: config.bucket,
      key: state.thumbnailKey,
      sha256,
      metadata: { ...metadata, sha256 },
      contentType: 'image/jpeg',
      encryption,
      signal,
    });
  } catch (error) {
    // The thumbnail was made again since it went up (a forced re-analysis): the object is not
    // the local file any more, so its metadata stays as it was rather than fail the edit.
    if (!isDailiesError(error) || error.code !== 'E_CONFLICT') throw error;
    logger.warn('thumbnail object differs from the local thumbnail; metadata left as it was', {
      assetId: asset.id,
      key: state.thumbnailKey,
    });
  }
}
