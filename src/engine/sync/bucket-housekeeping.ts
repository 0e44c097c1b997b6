import { dailiesError, type MethodOutput, type ReconcileFinding } from '../../shared/contract';
import type { AssetRepository } from '../catalog/repositories/asset-repository';
import type { SyncStateRepository } from '../catalog/repositories/sync-state-repository';
import type { Logger } from '../logging/logger';
import { classifyS3Failure } from '../storage/s3-failure';
import type { WithConnection } from './connection-scope';
import type { SyncConnection } from './sync-connection';
import { reconcileProfile } from './reconcile';
import type { Clock } from '../time/clock';
import { loadS3Sdk } from '../storage/s3-sdk';

export interface BucketHousekeepingDeps {
  assets: AssetRepository;
  states: SyncStateRepository;
  logger: Logger;
  clock: Clock;
  withConnection: WithConnection;
  /** Remote changes reconcile finds become conflicts (never overwritten silently). */
  onRemoteChanges: (findings: ReconcileFinding[]) => void;
}

/**
 * What is in the bucket and on the platform against what the catalog says: reconcile, and
 * the unfinished multipart uploads (ours left behind, a removed asset's, a colleague's).
 * Every call takes a profile id already chosen by the caller.
 */
export class BucketHousekeeping {
  constructor(private readonly deps: BucketHousekeepingDeps) {}

  async reconcile(profileId: string): Promise<MethodOutput<'sync.reconcile'>> {
    const { deps } = this;
    return deps.withConnection(profileId, async (connection) => {
      const rows = deps.states.withKeys(profileId);
      const assets = new Map(
        deps.assets.findByIds(rows.map((row) => row.assetId)).map((row) => [row.id, row]),
      );
      const findings = await reconcileProfile(connection, rows, assets);
      deps.onRemoteChanges(findings);
      return { profileId, checked: rows.length, findings };
    });
  }

  /** The multipart uploads Dailies started for these (removed) assets, aborted. */
  async abortAssetUploads(profileId: string, assetIds: readonly number[]): Promise<void> {
    const { deps } = this;
    await deps.withConnection(profileId, async (connection) => {
      for (const id of assetIds) {
        const aborted = await connection.uploader.abortUploadsForAsset(id);
        if (aborted.length > 0)
          deps.logger.info('aborted the uploads of a removed asset', {
            assetId: id,
            keys: aborted.map((upload) => upload.key),
          });
      }
    });
  }

  async cleanupUploads(
    profileId: string,
    olderThanHours: number,
  ): Promise<MethodOutput<'sync.cleanupUploads'>> {
    const { deps } = this;
    return deps.withConnection(profileId, async (connection) => {
      await confirmBucketAnswers(connection);
      const olderThan = new Date(deps.clock.now() - olderThanHours * 3_600_000);
      const aborted = await connection.uploader.cleanupStaleUploads(
        connection.config.bucket,
        olderThan,
      );
      return { aborted };
    });
  }

  /**
   * Aborts a colleague's unfinished upload the editor chose and confirmed. Only one that is
   * listed as foreign now: never one of ours, nor anything outside the profile's prefix.
   */
  async abortForeignUpload(
    profileId: string,
    key: string,
    uploadId: string,
  ): Promise<MethodOutput<'sync.abortForeignUpload'>> {
    const { deps } = this;
    return deps.withConnection(profileId, async (connection) => {
      const { bucket, keyPrefix } = connection.config;
      const found = (await connection.uploader.listForeignUploads(bucket, keyPrefix)).find(
        (upload) => upload.key === key && upload.uploadId === uploadId,
      );
      if (!found) {
        throw dailiesError(
          'E_NOT_FOUND',
          `No unfinished upload of someone else's is at ${key} any more (finished, aborted, ` +
            'or not under this profile’s prefix). Nothing was aborted.',
          { details: { key, uploadId } },
        );
      }
      await connection.uploader.abortForeignUpload(bucket, key, uploadId);
      deps.logger.warn('aborted a colleague’s unfinished upload', {
        key,
        uploadId,
        bytes: found.bytes,
      });
      return { key, uploadId, bytes: found.bytes };
    });
  }

  async listForeignUploads(profileId: string): Promise<MethodOutput<'sync.listForeignUploads'>> {
    return this.deps.withConnection(profileId, async (connection) => {
      const found = await connection.uploader.listForeignUploads(
        connection.config.bucket,
        connection.config.keyPrefix,
      );
      return found.map((upload) => ({
        ...upload,
        initiated: upload.initiated ?? null,
        initiator: upload.initiator ?? null,
      }));
    });
  }
}

/**
 * A cleanup with nothing of ours recorded sends no request, so a bucket that cannot be
 * reached (or is gone) would read as "nothing to abort". One HeadBucket first: a lost
 * connection, a 5xx or a missing bucket is the cleanup's failure; any other answer (a 403
 * where the keys may abort but not list) proves the store is there.
 */
async function confirmBucketAnswers(connection: SyncConnection): Promise<void> {
  const { HeadBucketCommand } = await loadS3Sdk();
  const { bucket } = connection.config;
  try {
    await connection.s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const failure = classifyS3Failure(error, {
      doing: `reaching the bucket "${bucket}" to clean up unfinished uploads`,
      operation: 'HeadBucket',
      bucket,
    });
    if (failure.code === 'E_NETWORK' || failure.code === 'E_NOT_FOUND') throw failure;
  }
}
