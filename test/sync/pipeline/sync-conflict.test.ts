import { describe, expect, it } from 'vitest';
import { DailiesError } from '../../../src/shared/contract';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { addAnalysed, setUpProfile, syncAndWait, syncEngine, useSyncRig } from './sync-kit';

const rig = useSyncRig({ clips: 1 });

describe('settling a sync conflict field by field', () => {
  it('needs a choice for every field, takes theirs as one edit and sends ours', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, rig.clips);
    await syncAndWait(engine, [asset!.id]);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    // Both sides change the title and the description.
    rig.platform.store.putContent({
      id: synced.contentId!,
      title: 'Title from the web',
      description: 'Description from the web',
    });
    await call(engine, 'assets.update', {
      id: asset!.id,
      patch: { title: 'Title from Dailies', description: 'Description from Dailies' },
    });
    await syncAndWait(engine, [asset!.id]);
    const [conflicted] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
    expect(conflicted!.conflict?.fields.map((f) => f.field)).toEqual(['title', 'description']);

    const missing = await call(engine, 'sync.resolveConflict', {
      assetId: asset!.id,
      keep: { title: 'theirs' },
    }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(DailiesError);
    expect(missing).toMatchObject({
      code: 'E_VALIDATION',
      details: { missing: ['description'] },
    });
    expect((missing as DailiesError).message).toMatch(/description/);

    const settled = await call(engine, 'sync.resolveConflict', {
      assetId: asset!.id,
      keep: { title: 'theirs', description: 'ours' },
    });
    expect(settled.conflict).toBeNull();
    const edited = await call(engine, 'assets.get', { id: asset!.id });
    expect(edited).toMatchObject({
      title: 'Title from the web',
      description: 'Description from Dailies',
    });
    const [latest] = await call(engine, 'assets.history', { id: asset!.id });
    expect(latest!.changes).toEqual([
      expect.objectContaining({ field: 'title', to: 'Title from the web' }),
    ]);

    // 'ours' queued the metadata re-send: the platform ends with both sides' choices.
    const [resent] = (await waitForJobsIdle(engine)).filter((job) => job.kind === 'sync');
    expect(resent).toMatchObject({ state: 'done' });
    expect(rig.platform.store.content(synced.contentId!)).toMatchObject({
      title: 'Title from the web',
      description: 'Description from Dailies',
    });
    expect((await call(engine, 'assets.get', { id: asset!.id })).status).toBe('synced');
  });
});
