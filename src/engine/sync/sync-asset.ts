import {
  DailiesError,
  dailiesError,
  isDailiesError,
  type SyncJobSpec,
} from '../../shared/contract';
import type { AssetRow } from '../catalog/repositories/asset-repository';
import type { JobContext } from '../jobs/job-runner';
import { connectionScope } from './connection-scope';
import { checkGateAtStart } from './delivery-gate';
import { refuseUnanalysable } from './pipeline/analysis-wait';
import { announce, nowIso, PipelineRun } from './pipeline/pipeline-run';
import { runPipeline } from './pipeline/run-pipeline';
import { resendMetadata } from './resend-metadata';
import type { SyncAssetDeps } from './sync-asset-deps';

export type { SyncAssetDeps } from './sync-asset-deps';

/**
 * The `sync` job: one asset through the steps of `pipeline/pipeline-steps.ts` (content id ->
 * video -> thumbnail -> metadata -> registered -> synced), each recorded in sync_state before
 * the next starts, so any restart resumes at the first unfinished one. A synced asset that
 * was edited re-sends only its metadata, after checking the platform's copy.
 */
export function syncAssetRunner(deps: SyncAssetDeps) {
  const withConnection = connectionScope(deps.connect);
  return async (spec: SyncJobSpec, context: JobContext): Promise<void> => {
    const asset = deps.assets.findById(spec.assetId);
    if (!asset || asset.deletedAt !== null) return;
    try {
      refuseUnanalysable(asset);
      checkGateAtStart(deps.delivery, spec, asset);
    } catch (thrown) {
      throw finalError(deps, asset, thrown, context.signal);
    }
    // Connecting is outside the step errors below: its failure (no S3 keys, a profile gone)
    // reaches the queue as it is, not recorded on the asset's sync state.
    await withConnection(spec.profileId, async (connection) => {
      let file: string | null = null;
      try {
        const state =
          deps.states.find(asset.id) ??
          deps.states.upsert(asset.id, { profileId: spec.profileId }, nowIso(deps));
        if (asset.syncedAt !== null && state.step === 'synced') {
          await resendMetadata(deps, connection, asset, state, context);
        } else {
          file = await runPipeline(new PipelineRun(deps, connection, asset, context, state));
        }
        announce(deps, asset.id, 'synced', 'synced');
        context.progress({ stage: 'synced', percent: 100, file });
      } catch (thrown) {
        throw finalError(deps, asset, thrown, context.signal);
      } finally {
        deps.live.delete(asset.id);
      }
    });
  };
}

/**
 * What the job ends with. Retryable errors arrive here only after the step's bounded retries,
 * so the queue must not retry them again; the reason is kept on the asset's sync state.
 */
function finalError(
  deps: SyncAssetDeps,
  asset: AssetRow,
  thrown: unknown,
  signal: AbortSignal,
): DailiesError {
  let error = isDailiesError(thrown)
    ? thrown
    : dailiesError('E_INTERNAL', 'Something went wrong while syncing.', {
        details: { cause: thrown instanceof Error ? thrown.message : String(thrown) },
      });
  if (signal.aborted) return error; // paused, cancelled or shutting down: nothing to record
  if (error.code === 'E_FILE_CHANGED') {
    deps.assets.flagForAnalysis(asset.id, nowIso(deps));
    // The file guard names the file that changed; when that is the thumbnail (made again
    // meanwhile), the video is hashed again anyway, which re-analyses it and its thumbnail.
    const changed = typeof error.details?.path === 'string' ? error.details.path : null;
    const locations = deps.locations.findByAssetIds([asset.id]);
    const video = locations.find((location) => location.path === changed) ?? locations[0];
    deps.onFileChanged(video?.path ?? asset.fileName);
    error = new DailiesError({
      ...error.toValue(),
      message:
        `"${asset.title}" changed on disk while it was uploading, so the upload stopped. ` +
        'Dailies analyses it again; queue it once that is done.',
      retryable: false,
    });
  } else if (error.retryable) {
    error = new DailiesError({ ...error.toValue(), retryable: false });
  }
  deps.states.upsert(asset.id, { lastErrorJson: JSON.stringify(error.toValue()) }, nowIso(deps));
  deps.logger.warn('sync failed', { assetId: asset.id, code: error.code });
  return error;
}
