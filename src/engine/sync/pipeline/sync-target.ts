import type { AssetRow } from '../../catalog/repositories/asset-repository';
import type { LocationRow } from '../../catalog/repositories/location-repository';
import { dailiesError } from '../../../shared/contract';
import { objectMetadata, type ObjectMetadata } from '../../storage/object-metadata';
import { thumbnailObjectKey, videoObjectKey } from '../../storage/object-keys';
import type { ServerSideEncryption } from '../../storage/upload/upload-types';
import { serverSideEncryption } from '../object-metadata-refresh';
import { videoFile } from './asset-files';
import type { PipelineRun } from './pipeline-run';
import { finished } from './pipeline-steps';

/** Where the asset's objects go and what they carry, for every step after the content id. */
export interface SyncTarget {
  /** The asset as it was read once the content id was known. */
  asset: AssetRow;
  contentId: number;
  videoKey: string;
  thumbnailKey: string;
  metadata: ObjectMetadata;
  encryption: ServerSideEncryption;
  /** The video file to send (E_FILE_MISSING when none of its locations is there). */
  video: LocationRow;
}

/**
 * The run's target, worked out once, before the first step after the content id. The keys
 * follow content id and slug, which the editor may change until synced: when they (or the
 * file) moved since the objects went up, the recorded step goes back so they go again.
 */
export function settleTarget(run: PipelineRun): SyncTarget {
  if (run.target) return run.target;
  const { deps, connection } = run;
  const contentId = run.contentId;
  if (contentId === null)
    throw dailiesError('E_INTERNAL', 'The content id is settled before any other step runs.');
  const { config } = connection;
  const current = deps.assets.findById(run.asset.id) ?? run.asset;
  const parts = { keyPrefix: config.keyPrefix, contentId, slug: current.slug };
  const videoKey = videoObjectKey({ ...parts, extension: current.extension });
  const thumbnailKey = thumbnailObjectKey(parts);
  if (run.state.videoKey !== videoKey || run.state.videoSha256 !== current.sha256) {
    if (finished(run.state, 'video')) run.record('content', {}, 'keys changed');
  }
  if (run.state.thumbnailKey !== thumbnailKey && finished(run.state, 'thumbnail'))
    run.record('video', {}, 'keys changed');
  const metadata = objectMetadata({
    sha256: current.sha256,
    contentId,
    title: current.title,
    description: current.description,
    ageRating: current.ageRating,
  });
  run.target = {
    asset: current,
    contentId,
    videoKey,
    thumbnailKey,
    metadata,
    encryption: serverSideEncryption(config.encryption),
    video: videoFile(deps, current),
  };
  return run.target;
}
