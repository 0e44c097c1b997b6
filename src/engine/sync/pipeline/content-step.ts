import { createContentOnce } from '../ensure-content';
import { announce, nowIso, type PipelineRun } from './pipeline-run';
import type { StepOutcome } from './pipeline-steps';

/**
 * The content id: entered or parsed from the file name, or created on the platform once (the
 * intent recorded first, so a lost answer is found rather than posted again).
 */
export async function contentStep(run: PipelineRun): Promise<StepOutcome> {
  const { deps, connection, asset, state } = run;
  if (run.contentId !== null) {
    return {
      kind: 'fields',
      fields: { profileId: connection.profileId },
      activity: 'content id set',
    };
  }
  const intent =
    state.contentIntentAt && state.contentIntentTitle
      ? { at: state.contentIntentAt, title: state.contentIntentTitle }
      : null;
  const id = await createContentOnce(
    {
      retry: deps.retry,
      recordIntent: (next) =>
        deps.states.upsert(
          asset.id,
          { contentIntentAt: next.at, contentIntentTitle: next.title },
          nowIso(deps),
        ),
      contentIdInUse: (inUse) => deps.assets.contentIdInUse(inUse, asset.id, connection.profileId),
    },
    connection,
    { title: asset.title, description: asset.description, ageRating: asset.ageRating },
    intent,
    run.signal,
  );
  run.contentId = id;
  // One transaction: were the step recorded (and the intent cleared) without the asset's
  // content id, the next run would post the content again.
  const recorded = deps.transact(() => {
    deps.assets.update(asset.id, { contentId: id, updatedAt: nowIso(deps) });
    return deps.states.upsert(
      asset.id,
      {
        step: 'content',
        profileId: connection.profileId,
        contentIntentAt: null,
        contentIntentTitle: null,
      },
      nowIso(deps),
    );
  });
  deps.events.emit('assets.changed', { reason: 'updated', ids: [asset.id] });
  announce(deps, asset.id, 'content', 'content created');
  return { kind: 'recorded', state: recorded };
}
