import { snapshotOf } from '../remote-snapshot';
import type { PipelineRun } from './pipeline-run';
import type { StepOutcome } from './pipeline-steps';
import type { SyncTarget } from './sync-target';

/**
 * Title, description, age rating (an idempotent upsert), as the catalog has them now: an edit
 * made while the video went up goes too. The platform's answer is the base later re-sends
 * compare against.
 */
export async function metadataStep(run: PipelineRun, target: SyncTarget): Promise<StepOutcome> {
  const { deps, connection, asset, signal } = run;
  const sent = deps.assets.findById(asset.id) ?? target.asset;
  const content = await run.retried(() =>
    connection.platform.upsertContent(
      target.contentId,
      { title: sent.title, description: sent.description, age_rating: sent.ageRating },
      { signal },
    ),
  );
  return {
    kind: 'fields',
    fields: {
      remoteSnapshotJson: JSON.stringify(snapshotOf(content)),
      syncedRevision: sent.revision,
    },
    activity: 'metadata sent',
  };
}
