import type { SyncStep } from '../../../shared/contract';
import { fromCatalog, openablePath } from '../../ingest/raw-path';
import { announce, type PipelineRun } from './pipeline-run';
import type { StepOutcome } from './pipeline-steps';
import type { SyncTarget } from './sync-target';
import { uploadReporter } from './upload-reporter';

/** The video object: multipart above 16 MiB, resumed from its recorded parts after a restart. */
export async function videoStep(run: PipelineRun, target: SyncTarget): Promise<StepOutcome> {
  const { deps, connection, asset } = run;
  const { video, asset: current } = target;
  announce(deps, asset.id, run.state.step as SyncStep, 'uploading video');
  // A name that is not UTF-8 goes up through a string alias of its exact bytes.
  const file = await openablePath(fromCatalog(video.path, video.pathBytes));
  const outcome = await connection.uploader
    .upload({
      assetId: asset.id,
      filePath: file.path,
      bucket: connection.config.bucket,
      key: target.videoKey,
      sha256: current.sha256,
      expected: { sizeBytes: video.sizeBytes, mtimeMs: video.mtimeMs },
      metadata: target.metadata,
      encryption: target.encryption,
      signal: run.signal,
      onProgress: uploadReporter(run, 'video'),
    })
    .finally(() => file.release());
  deps.live.delete(asset.id);
  // Where a resumed multipart upload took up again, and what this run sent.
  deps.logger.info('video upload settled', { assetId: asset.id, key: target.videoKey, ...outcome });
  return {
    kind: 'fields',
    fields: { videoKey: target.videoKey, videoSha256: current.sha256 },
    activity: 'video uploaded',
  };
}
