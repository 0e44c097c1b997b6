import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { addAnalysed, setUpProfile, syncEngine, useSyncRig } from './sync-kit';

const rig = useSyncRig({ clips: 3 });

describe('sending what can go', () => {
  it('queues the ready assets of a selection, lists the others with why, and sends all ready', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [first, second, third] = await addAnalysed(engine, rig.clips);
    // A shot list saved as .mp4: its analysis fails, so it cannot be sent.
    const notVideo = path.join(rig.dir, 'shot-list.mp4');
    fs.writeFileSync(notVideo, 'This is a shot list, not a video.\n'.repeat(20));
    const report = await call(engine, 'assets.addPaths', { paths: [notVideo] });
    await waitForJobsIdle(engine);
    const broken = report.assetIds[0]!;
    expect((await call(engine, 'assets.get', { id: broken })).status).toBe('error');

    // All or nothing unless asked otherwise, as before.
    await expect(
      call(engine, 'sync.enqueue', { assetIds: [first!.id, broken] }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });

    const partial = await call(engine, 'sync.enqueue', {
      assetIds: [first!.id, broken],
      partial: true,
    });
    expect(partial.queued).toBe(1);
    expect(partial.notSent).toEqual([
      {
        assetId: broken,
        reason: expect.stringMatching(/could not be analysed/),
        overridable: false,
      },
    ]);
    await waitForJobsIdle(engine);

    // Send all ready: the two never sent go; the synced one and the broken one do not.
    const all = await call(engine, 'sync.enqueueReady', {});
    expect(all.queued).toBe(2);
    const jobs = await waitForJobsIdle(engine);
    const sent = jobs.filter((job) => job.kind === 'sync' && job.state === 'done');
    expect(new Set(sent.map((job) => job.spec.assetId))).toEqual(
      new Set([first!.id, second!.id, third!.id]),
    );
    expect((await call(engine, 'sync.enqueueReady', {})).queued).toBe(0);
  });
});
