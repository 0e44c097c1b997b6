import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import {
  addAnalysed,
  expectOneEach,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from './sync-kit';

const rig = useSyncRig({ clips: 2 });

/** The uploads S3 saw since the last reset: none when only metadata went. */
function bodiesSent() {
  const stats = rig.s3Proxy.stats();
  return {
    puts: stats.byOperation.PutObject ?? 0,
    parts: stats.byOperation.UploadPart ?? 0,
    bytes: stats.bytesForwarded,
  };
}

describe('an edit to an asset already on the platform', () => {
  it('stays Edited until the editor sends it, then only the metadata goes', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[0]!]);
    await syncAndWait(engine, [asset!.id]);
    rig.s3Proxy.resetStats();
    rig.platform.clearRequests();

    const edited = await call(engine, 'assets.update', {
      id: asset!.id,
      patch: { title: 'Take one, regraded' },
    });
    await waitForJobsIdle(engine);
    // Nothing goes by itself with the setting off (the default).
    expect((await call(engine, 'settings.get', {})).resendEditsAutomatically).toBe(false);
    expect((await call(engine, 'assets.get', { id: asset!.id })).status).toBe('dirty');
    expect(rig.platform.requests).toEqual([]);
    expect(rig.platform.store.content(edited.contentId!)?.title).not.toBe('Take one, regraded');

    // The editor's one click: sync.enqueue of the edited asset.
    const result = await call(engine, 'sync.enqueue', { assetIds: [asset!.id] });
    expect(result.queued).toBe(1);
    await waitForJobsIdle(engine);
    expect(rig.platform.store.content(edited.contentId!)?.title).toBe('Take one, regraded');
    expect(bodiesSent()).toEqual({ puts: 0, parts: 0, bytes: 0 });
    expect((await call(engine, 'assets.get', { id: asset!.id })).status).toBe('synced');
    expectOneEach(rig, [edited.contentId]);
  });

  it('goes by itself when the editor asked Dailies to send edits automatically', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    await call(engine, 'settings.set', { resendEditsAutomatically: true });
    const assets = await addAnalysed(engine, rig.clips);
    await syncAndWait(
      engine,
      assets.map((a) => a.id),
    );
    rig.s3Proxy.resetStats();

    // One edited alone, then both at once: each reaches the platform without a click.
    await call(engine, 'assets.update', { id: assets[0]!.id, patch: { ageRating: '15+' } });
    await waitForJobsIdle(engine);
    await call(engine, 'assets.bulkUpdate', {
      ids: assets.map((a) => a.id),
      patch: { description: 'Graded for the festival cut.' },
    });
    await waitForJobsIdle(engine);

    const after = await Promise.all(assets.map((a) => call(engine, 'assets.get', { id: a.id })));
    expect(after.map((a) => a.status)).toEqual(['synced', 'synced']);
    const contents = after.map((a) => rig.platform.store.content(a.contentId!));
    expect(contents.map((c) => c?.description)).toEqual([
      'Graded for the festival cut.',
      'Graded for the festival cut.',
    ]);
    expect(contents[0]?.age_rating).toBe('15+');
    expect(bodiesSent()).toEqual({ puts: 0, parts: 0, bytes: 0 });
    expectOneEach(
      rig,
      after.map((a) => a.contentId),
    );
  });
});
