import { dailiesError } from '../../../shared/contract';
import type { AssetRow } from '../../catalog/repositories/asset-repository';
import type { PipelineRun } from './pipeline-run';

/**
 * A never-sent asset whose analysis failed after its send was queued (it was analysed again,
 * or its send started at the early verdict) does not go: nothing about it can be registered.
 */
export function refuseUnanalysable(asset: Pick<AssetRow, 'status' | 'syncedAt' | 'title' | 'id'>) {
  if (asset.status !== 'error' || asset.syncedAt !== null) return;
  throw dailiesError(
    'E_VALIDATION',
    `"${asset.title}" was not sent: it could not be analysed. Fix the file and analyse it again.`,
    { details: { assetId: asset.id } },
  );
}

/**
 * Before the thumbnail: a send that started at its analysis's early verdict (the video going
 * up while the stills were made) waits for the analysis to end, then works on the asset as
 * analysed (its duration and resolution go to the platform). An analysis that failed after
 * all stops the send before anything is registered; the video stays in the bucket under its
 * key, and goes as "already there" once the file is fixed and sent again.
 */
export async function awaitAnalysis(run: PipelineRun): Promise<void> {
  const { deps, asset } = run;
  if (asset.status !== 'analysing') return;
  await deps.analysisRuns.settled(asset.id, run.signal);
  run.target = null; // settled again from the analysed asset
  if (deps.assets.findById(asset.id)?.status !== 'error') return;
  const problem = deps.analysis.findByAssetId(asset.id)?.errorMessage ?? 'the analysis failed';
  throw dailiesError(
    'E_VALIDATION',
    `"${asset.title}" was not registered: its analysis failed after its video went up ` +
      `(${problem}). Fix the file and send it again.`,
    { details: { assetId: asset.id } },
  );
}
