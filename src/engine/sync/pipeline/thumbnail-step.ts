import { thumbnailFile } from './asset-files';
import type { PipelineRun } from './pipeline-run';
import type { StepOutcome } from './pipeline-steps';
import type { SyncTarget } from './sync-target';
import { uploadReporter } from './upload-reporter';

/** The thumbnail object, with the video's metadata but its own sha256. */
export async function thumbnailStep(run: PipelineRun, target: SyncTarget): Promise<StepOutcome> {
  const { deps, connection, asset } = run;
  const thumbnail = thumbnailFile(deps, target.asset);
  await connection.uploader.upload({
    assetId: asset.id,
    filePath: thumbnail.path,
    bucket: connection.config.bucket,
    key: target.thumbnailKey,
    sha256: thumbnail.sha256,
    expected: { sizeBytes: thumbnail.size, mtimeMs: thumbnail.mtimeMs },
    metadata: { ...target.metadata, sha256: thumbnail.sha256 },
    contentType: 'image/jpeg',
    encryption: target.encryption,
    signal: run.signal,
    onProgress: uploadReporter(run, 'thumbnail'),
  });
  deps.live.delete(asset.id);
  return {
    kind: 'fields',
    fields: { thumbnailKey: target.thumbnailKey },
    activity: 'thumbnail uploaded',
  };
}
