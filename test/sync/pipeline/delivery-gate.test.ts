import fs from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import { addAnalysed, setUpProfile, syncEngine, useSyncRig } from './sync-kit';

const rig = useSyncRig({ clips: 3 });

describe('the delivery gate', () => {
  it("judges by the profile's rule set, stops failures, lets warnings go with a warning, and records an override", async () => {
    const engine = syncEngine(rig);
    const profileId = await setUpProfile(engine, rig);
    const [first, second, third] = await addAnalysed(engine, rig.clips);
    // The kit's clips are 160x120 with sound: they meet the built-in default.
    expect((await call(engine, 'analysis.get', { assetId: first!.id }))?.delivery?.verdict).toBe(
      'pass',
    );

    await call(engine, 'deliveryRules.save', {
      rules: { name: 'Festival HD', minWidth: 1920, minHeight: 1080 },
    });
    const loudness = await call(engine, 'deliveryRules.save', {
      rules: { name: 'Broadcast loudness', loudness: { minLufs: -24, maxLufs: -22 } },
    });
    // Picked by name: the library's verdicts follow the profile, not the default.
    await call(engine, 'profiles.update', {
      id: profileId,
      patch: { deliveryRuleSetId: 'Festival HD' },
    });
    const judged = await call(engine, 'analysis.get', { assetId: first!.id });
    expect(judged?.delivery).toMatchObject({ ruleSet: 'Festival HD', verdict: 'fail' });

    // Without partial the whole send is refused, naming the asset, the rules and why.
    await expect(call(engine, 'sync.enqueue', { assetIds: [first!.id] })).rejects.toMatchObject({
      code: 'E_VALIDATION',
      message: expect.stringMatching(/Take A.*Festival HD.*160x120.*send.*anyway/s),
    });
    const partial = await call(engine, 'sync.enqueue', {
      assetIds: [first!.id, second!.id],
      partial: true,
    });
    expect(partial.queued).toBe(0);
    expect(partial.notSent).toEqual([
      { assetId: first!.id, reason: expect.stringMatching(/Festival HD/), overridable: true },
      { assetId: second!.id, reason: expect.stringMatching(/Festival HD/), overridable: true },
    ]);

    // Sent anyway: it goes, and its history says who did it and when.
    const forced = await call(engine, 'sync.enqueue', {
      assetIds: [first!.id],
      overrideDelivery: true,
    });
    expect(forced.queued).toBe(1);
    expect(forced.warnings).toEqual([
      { assetId: first!.id, message: expect.stringMatching(/sent anyway.*Festival HD/) },
    ]);
    const history = await call(engine, 'assets.history', { id: first!.id, limit: 10 });
    expect(history[0]).toMatchObject({
      kind: 'delivery-override',
      actor: expect.stringMatching(/\S/),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      changes: [expect.objectContaining({ from: expect.stringMatching(/Festival HD/) })],
    });
    await waitForJobsIdle(engine);
    expect((await call(engine, 'assets.get', { id: first!.id })).status).toBe('synced');

    // Picked by id: a loudness window nobody measured yet is a warning, and it goes.
    await call(engine, 'profiles.update', {
      id: profileId,
      patch: { deliveryRuleSetId: String(loudness.id) },
    });
    const warned = await call(engine, 'sync.enqueue', { assetIds: [second!.id] });
    expect(warned.queued).toBe(1);
    expect(warned.warnings).toEqual([
      { assetId: second!.id, message: expect.stringMatching(/loudness has not been measured/) },
    ]);
    await waitForJobsIdle(engine);

    // A rule set in use cannot be deleted; one the profile names but that is gone stops sends.
    await expect(call(engine, 'deliveryRules.remove', { id: loudness.id })).rejects.toMatchObject({
      code: 'E_CONFLICT',
      message: expect.stringMatching(/Pipeline/),
    });
    await call(engine, 'profiles.update', {
      id: profileId,
      patch: { deliveryRuleSetId: 'Gone since' },
    });
    await expect(
      call(engine, 'sync.enqueue', { assetIds: [third!.id], partial: true }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/"Gone since" does not exist/) });
  });

  it('is checked again as a queued upload starts: a failure then stops it, an override still goes', async () => {
    const dataDir = tempDir('dailies-gate-');
    const setUp = syncEngine(rig, dataDir);
    const profileId = await setUpProfile(setUp, rig);
    const [passed, forced] = await addAnalysed(setUp, rig.clips.slice(0, 2));
    await setUp.dispose();

    // Queued while nothing runs: the first passes today's rules; then the profile's rules
    // change under it, and the second is sent anyway against the new ones.
    const queuing = syncEngine(rig, dataDir, { startWork: false });
    expect((await call(queuing, 'sync.enqueue', { assetIds: [passed!.id] })).queued).toBe(1);
    await call(queuing, 'deliveryRules.save', {
      rules: { name: 'Festival HD', minWidth: 1920, minHeight: 1080 },
    });
    await call(queuing, 'profiles.update', {
      id: profileId,
      patch: { deliveryRuleSetId: 'Festival HD' },
    });
    const anyway = await call(queuing, 'sync.enqueue', {
      assetIds: [forced!.id],
      overrideDelivery: true,
    });
    expect(anyway.queued).toBe(1);
    await queuing.dispose();

    const running = syncEngine(rig, dataDir);
    const jobs = await waitForJobsIdle(running);
    const jobOf = (id: number) => jobs.find((job) => job.spec.assetId === id)!;
    expect(jobOf(passed!.id)).toMatchObject({
      state: 'failed',
      error: {
        code: 'E_VALIDATION',
        message: expect.stringMatching(/^"Take A" was not sent: .*Festival HD.*send it anyway/),
      },
    });
    expect(jobOf(forced!.id).state).toBe('done');
    expect((await call(running, 'assets.get', { id: passed!.id })).status).toBe('ready');
    expect((await call(running, 'assets.get', { id: forced!.id })).status).toBe('synced');
    const listed = await rig.s3
      .createClient()
      .send(new ListObjectsV2Command({ Bucket: rig.s3.bucket, Prefix: 'videos/' }));
    // Only the one sent anyway: nothing of the stopped one was uploaded.
    expect(listed.Contents?.map((object) => object.Key)).toEqual([
      expect.stringMatching(/^videos\/\d+_take-b\.mp4$/),
    ]);
    await running.dispose();
  });

  it('never gives a cut-short file a passing verdict', async () => {
    const engine = syncEngine(rig);
    const whole = fs.readFileSync(rig.clips[0]!);
    const cut = path.join(rig.dir, 'cut-short.mp4');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const report = await call(engine, 'assets.addPaths', { paths: [cut] });
    await waitForJobsIdle(engine);
    const analysis = await call(engine, 'analysis.get', { assetId: report.assetIds[0]! });
    expect(analysis?.outcome).toBe('failed');
    expect(analysis?.delivery).toBeNull();
  });
});
