import { describe, expect, it } from 'vitest';
import { DailiesError, type SyncOverview } from '../../../src/shared/contract';
import { attentionCount } from '../../../src/shared/queue-signals';
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

  it('stops counting a settled conflict as a failed upload: the badge goes back to zero', async () => {
    const engine = syncEngine(rig);
    // What the windows and the shell hold: the last sync.overview event.
    const seen: SyncOverview[] = [];
    engine.subscribe((event) => {
      if (event.name === 'sync.overview') seen.push(event.payload);
    });
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, rig.clips);
    await syncAndWait(engine, [asset!.id]);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    rig.platform.store.putContent({ id: synced.contentId!, title: 'Title from the web' });
    await call(engine, 'assets.update', { id: asset!.id, patch: { title: 'Title from Dailies' } });
    await syncAndWait(engine, [asset!.id]);
    const conflicted = await call(engine, 'sync.overview', {});
    expect(conflicted.failed).toBe(1);
    expect(attentionCount(conflicted)).toBe(1);
    // The windows count the failure first (events are throttled, so wait for it), or the
    // overview they hold never changed and nothing below could show it going back.
    await expect.poll(() => seen.at(-1)?.failed).toBe(1);

    // Keeping the platform's title leaves nothing to re-send: no job changes after this.
    const settled = await call(engine, 'sync.resolveConflict', {
      assetId: asset!.id,
      keep: { title: 'theirs' },
    });
    expect(settled).toMatchObject({ conflict: null, lastError: null, jobState: null });
    expect((await waitForJobsIdle(engine)).filter((job) => job.state === 'queued')).toEqual([]);

    const after = await call(engine, 'sync.overview', {});
    expect(after.failed).toBe(0);
    expect(attentionCount(after)).toBe(0);
    // The windows and the shell follow the event: it must say so too.
    await expect.poll(() => seen.at(-1)?.failed).toBe(0);
    expect(attentionCount(seen.at(-1)!)).toBe(0);
  });
});
