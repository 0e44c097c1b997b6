import { s3Url } from '../../storage/object-keys';
import type { PipelineRun } from './pipeline-run';
import type { StepOutcome } from './pipeline-steps';
import type { SyncTarget } from './sync-target';

/** The video asset, keyed by content id + video_url on the platform, so idempotent. */
export async function registeredStep(run: PipelineRun, target: SyncTarget): Promise<StepOutcome> {
  const { connection, signal } = run;
  const { bucket } = connection.config;
  const { contentId, asset: current } = target;
  const registered = await run.retried(() =>
    connection.platform.registerVideoAsset(
      contentId,
      {
        content_id: contentId,
        video_url: s3Url(bucket, target.videoKey),
        thumbnail_url: s3Url(bucket, target.thumbnailKey),
        duration: current.durationSeconds,
        resolution: current.resolutionClass,
      },
      { signal },
    ),
  );
  return { kind: 'fields', fields: { remoteAssetId: registered.id }, activity: 'registered' };
}
