import { assertNever } from '../../../shared/assert-never';
import { awaitAnalysis } from './analysis-wait';
import { contentStep } from './content-step';
import { metadataStep } from './metadata-step';
import type { PipelineRun } from './pipeline-run';
import { finished, pipelineSteps, type PipelineStep, type StepOutcome } from './pipeline-steps';
import { loggedStep } from '../sync-log';
import { registeredStep } from './registered-step';
import { syncedStep } from './synced-step';
import { settleTarget } from './sync-target';
import { thumbnailStep } from './thumbnail-step';
import { videoStep } from './video-step';

/**
 * Runs the table from the first unfinished step, each recorded in sync_state before the next
 * starts, so a restart resumes after the last one recorded. Resolves to the video file's path.
 */
export async function runPipeline(run: PipelineRun): Promise<string> {
  const first = firstUnfinished(run);
  const logger = run.deps.logger;
  if (first > 0) {
    logger.info('sync resumed', {
      assetId: run.asset.id,
      contentId: run.contentId,
      lastFinished: run.state.step,
      from: pipelineSteps[first]?.kind ?? null,
    });
  }
  for (const step of pipelineSteps.slice(first)) {
    // The asset changed while its analysis ended (see awaitAnalysis): start over on it.
    if (step.kind === 'thumbnail' && (await awaitAnalysis(run))) return runPipeline(run);
    const outcome = await loggedStep(
      logger,
      { assetId: run.asset.id, contentId: run.contentId, step: step.kind },
      () => run.deps.clock.now(),
      () => runStep(step, run),
      () => ({
        contentId: run.contentId,
        ...(step.kind === 'video' ? { bytes: run.asset.sizeBytes } : {}),
      }),
    );
    switch (outcome.kind) {
      case 'fields':
        run.record(step.kind, outcome.fields, outcome.activity);
        break;
      case 'recorded':
        run.state = outcome.state;
        break;
      default:
        assertNever(outcome, 'step outcome');
    }
  }
  return settleTarget(run).video.path;
}

/**
 * The content step while the asset has no content id or it is not recorded; else the target
 * is settled first (moved keys take the recorded step back), then the first step not past.
 */
function firstUnfinished(run: PipelineRun): number {
  if (run.contentId === null || !finished(run.state, 'content')) return 0;
  settleTarget(run);
  return pipelineSteps.findIndex((step) => !finished(run.state, step.kind));
}

async function runStep(step: PipelineStep, run: PipelineRun): Promise<StepOutcome> {
  if (step.kind === 'content') return contentStep(run);
  // Every later step works on the keys, metadata and file the content id gives.
  const target = settleTarget(run);
  switch (step.kind) {
    case 'video':
      return videoStep(run, target);
    case 'thumbnail':
      return thumbnailStep(run, target);
    case 'metadata':
      return metadataStep(run, target);
    case 'registered':
      return registeredStep(run, target);
    case 'synced':
      return syncedStep(run);
    default:
      return assertNever(step, 'sync step');
  }
}
