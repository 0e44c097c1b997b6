import type { AssetId, DailiesApi, JobKind, JobState } from '../../shared/contract';
import type { ProgressView } from '../progress/progress-view';

/** Feeds the engine's progress events to a view: analysis stages, uploads, the overall queue. */
export function followProgress(
  api: DailiesApi,
  view: ProgressView,
  nameOf: (id: AssetId) => string,
): () => void {
  const stops = [
    api.subscribe('job.progress', (event) => {
      if (event.kind !== 'analyse' || event.assetId === null) return;
      view.file({
        key: `job-${event.jobId}`,
        name: nameOf(event.assetId),
        activity: `analysing: ${event.stage}`,
        done: event.percent,
        total: 100,
        bytes: false,
      });
    }),
    api.subscribe('job.changed', (job) =>
      jobLeft(view, job.kind, job.state, job.id, job.spec.assetId),
    ),
    // Many jobs paused, cancelled... in one step: the same for each.
    api.subscribe('jobs.changed', ({ kind, ids, assetIds, changes }) => {
      const { state } = changes;
      if (state) ids.forEach((id, index) => jobLeft(view, kind, state, id, assetIds[index]!));
    }),
    api.subscribe('sync.progress', (event) => {
      const upload = event.upload;
      if (!upload) return;
      view.file({
        key: `upload-${event.assetId}`,
        name: nameOf(event.assetId),
        activity: event.activity,
        done: upload.bytesSent,
        total: upload.bytesTotal,
        bytes: true,
        bytesPerSecond: upload.bytesPerSecond,
        etaSeconds: upload.etaSeconds,
      });
    }),
    api.subscribe('sync.overview', (overview) => {
      if (overview.bytesTotal <= 0) return;
      view.overall({
        label: `All uploads (${overview.running} running, ${overview.queued} queued)`,
        done: overview.bytesSent,
        total: overview.bytesTotal,
        bytes: true,
        bytesPerSecond: overview.bytesPerSecond,
        etaSeconds: overview.etaSeconds,
      });
    }),
  ];
  return () => stops.forEach((stop) => stop());
}

/** A job that no longer runs takes its bar away (an upload's, for a sync that stopped). */
function jobLeft(
  view: ProgressView,
  kind: JobKind,
  state: JobState,
  jobId: number,
  assetId: AssetId,
): void {
  if (state !== 'queued' && state !== 'running') view.fileDone(`job-${jobId}`);
  if (kind === 'sync' && state !== 'running') view.fileDone(`upload-${assetId}`);
}
