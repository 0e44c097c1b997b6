import type { SyncStep } from '../../../shared/contract';
import type { UploadProgress } from '../../storage/upload/upload-progress';
import { uploadView } from '../upload-view';
import type { PipelineRun } from './pipeline-run';

/**
 * An upload's progress, as it moves: live for sync.status, a `sync.progress` event, and for
 * the video (most of the job's time) the job's share between the content id and the video.
 */
export function uploadReporter(run: PipelineRun, stage: 'video' | 'thumbnail') {
  const { deps, asset, context } = run;
  return (progress: UploadProgress) => {
    deps.live.set(asset.id, progress);
    deps.events.emit('sync.progress', {
      assetId: asset.id,
      step: run.state.step as SyncStep,
      activity: `uploading ${stage}`,
      upload: uploadView(progress),
    });
    if (stage === 'video' && progress.totalBytes > 0) {
      const share = progress.bytesSent / progress.totalBytes;
      context.progress({ stage, percent: 5 + 80 * share, file: progress.key });
    }
  };
}
