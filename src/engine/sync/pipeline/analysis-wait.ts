import { dailiesError, errorCodeSchema } from '../../../shared/contract';
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
 * What the target and the registration are made of: a change means the run starts again. (The
 * content id is the run's own, which its content step may just have set.)
 */
const TARGET_FIELDS = [
  'sha256',
  'slug',
  'extension',
  'durationSeconds',
  'resolutionClass',
] as const satisfies ReadonlyArray<keyof AssetRow>;

/**
 * Before the thumbnail of a never-sent asset: a send may have started at its analysis's early
 * verdict (the video going up while the stills were made), or while an analysis waited to be
 * tried again, so it waits here for the analysis to be over. True when the asset changed
 * meanwhile (analysed: its duration and resolution; or its slug edited, its file replaced):
 * the run then starts again from the first unfinished step on the asset as it is now, which
 * sends the video again under moved keys or new content. An analysis that failed stops the
 * send with the analysis's own error before anything is registered (the content created
 * first stays, for the fixed file's send; the video stays in the bucket under its key and
 * counts as already there then).
 */
export async function awaitAnalysis(run: PipelineRun): Promise<boolean> {
  const { deps } = run;
  if (run.asset.syncedAt !== null) return false;
  await deps.analysisRuns.settled(run.asset.id, run.signal);
  const now = deps.assets.findById(run.asset.id);
  if (!now) return false; // removed meanwhile: its job is being cancelled
  if (now.status === 'error') throw analysisFailed(run, now);
  if (now.status === 'new' || now.status === 'analysing' || now.needsAnalysis) {
    throw dailiesError(
      'E_VALIDATION',
      `"${now.title}" was not registered: its analysis was paused or cancelled before it ` +
        'ended. Resume or start its analysis, then send it again.',
      { details: { assetId: now.id } },
    );
  }
  if (TARGET_FIELDS.every((field) => now[field] === run.asset[field])) return false;
  run.asset = now;
  run.target = null;
  return true;
}

function analysisFailed(run: PipelineRun, asset: AssetRow) {
  const stored = run.deps.analysis.findByAssetId(asset.id);
  const code = errorCodeSchema.safeParse(stored?.errorCode);
  return dailiesError(
    // The file's own problem (not media, cut short...), as the analysis said it.
    code.success ? code.data : 'E_VALIDATION',
    `"${asset.title}" was not registered: its analysis failed after its video went up ` +
      `(${stored?.errorMessage ?? 'no reason recorded'}). Fix the file and send it again.`,
    { details: { assetId: asset.id } },
  );
}
