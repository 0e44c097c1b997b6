import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/shared/contract';
import type { Engine } from '../../../src/engine/create-engine';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { addAnalysed, setUpProfile, syncEngine, useSyncRig } from './sync-kit';

const rig = useSyncRig({ clips: 6 });

/** The most sync jobs each profile ran at once, from the job events. */
function mostAtOnce(engine: Engine): Map<string, number> {
  const running = new Map<number, string>();
  const most = new Map<string, number>();
  engine.subscribe((event) => {
    if (event.name !== 'job.changed' || event.payload.spec.kind !== 'sync') return;
    const job: Job = event.payload;
    if (job.spec.kind !== 'sync') return;
    const { profileId } = job.spec;
    if (job.state === 'running') running.set(job.id, profileId);
    else running.delete(job.id);
    const now = [...running.values()].filter((p) => p === profileId).length;
    most.set(profileId, Math.max(most.get(profileId) ?? 0, now));
  });
  return most;
}

describe('sync concurrency per profile', () => {
  it('runs at most each profile’s own upload concurrency of its sends in parts at once', async () => {
    // Every file goes in parts here, as a file of a part's size or more does.
    const engine = syncEngine(rig, undefined, { uploaderOptions: { multipartThresholdBytes: 1 } });
    const one = await setUpProfile(engine, rig);
    const oneProfile = await call(engine, 'profiles.get', { id: one });
    await call(engine, 'profiles.update', {
      id: one,
      patch: { name: 'One at a time', upload: { ...oneProfile.upload, concurrency: 1 } },
    });
    const three = await setUpProfile(engine, rig);
    const threeProfile = await call(engine, 'profiles.get', { id: three });
    await call(engine, 'profiles.update', {
      id: three,
      patch: { upload: { ...threeProfile.upload, concurrency: 3 } },
    });
    const assets = await addAnalysed(engine, rig.clips);

    const most = mostAtOnce(engine);
    await call(engine, 'sync.enqueue', {
      assetIds: assets.slice(0, 3).map((a) => a.id),
      profileId: one,
    });
    await call(engine, 'sync.enqueue', {
      assetIds: assets.slice(3).map((a) => a.id),
      profileId: three,
    });
    const jobs = (await waitForJobsIdle(engine)).filter((job) => job.kind === 'sync');

    expect(jobs.map((job) => job.state)).toEqual(Array(6).fill('done'));
    expect(most.get(one)).toBe(1);
    expect(most.get(three)).toBe(3);
  });

  it('sends small files four to a place: one upload at once sends four small clips', async () => {
    // Each clip is far under the multipart threshold: it goes whole in one request, bound by
    // round trips, so four share the place one file sent in parts would take.
    const engine = syncEngine(rig);
    const one = await setUpProfile(engine, rig);
    const profile = await call(engine, 'profiles.get', { id: one });
    await call(engine, 'profiles.update', {
      id: one,
      patch: { upload: { ...profile.upload, concurrency: 1 } },
    });
    const assets = await addAnalysed(engine, rig.clips.slice(0, 5));
    const most = mostAtOnce(engine);
    await call(engine, 'sync.enqueue', { assetIds: assets.map((a) => a.id), profileId: one });
    const jobs = (await waitForJobsIdle(engine)).filter((job) => job.kind === 'sync');

    expect(jobs.map((job) => job.state)).toEqual(Array(5).fill('done'));
    expect(most.get(one)).toBe(4);
  });
});
