import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { decodeMetadataValue } from '../../../src/engine/storage/object-metadata';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { nextJobState, waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import {
  addAnalysed,
  expectOneEach,
  INTERNAL_TOKEN,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from './sync-kit';

const rig = useSyncRig({ clips: 4 });

describe('the sync pipeline under faults', () => {
  it('resumes after the engine is disposed mid-pipeline, creating nothing twice', async () => {
    const dataDir = tempDir('dailies-resume-');
    const first = syncEngine(rig, dataDir);
    await setUpProfile(first, rig);
    const assets = await addAnalysed(first, rig.clips.slice(0, 2));
    const videoDone = new Promise<void>((resolve) => {
      first.subscribe((event) => {
        if (event.name === 'sync.progress' && event.payload.step === 'video') resolve();
      });
    });
    await call(first, 'sync.enqueue', { assetIds: assets.map((a) => a.id) });
    await videoDone;
    await first.dispose();
    const interrupted = rig.platform.store.videoAssets().length;
    expect(interrupted).toBeLessThan(2);

    const second = syncEngine(rig, dataDir);
    const jobs = await waitForJobsIdle(second);
    expect(jobs.filter((j) => j.kind === 'sync').map((j) => j.state)).toEqual(['done', 'done']);
    const after = await Promise.all(assets.map((a) => call(second, 'assets.get', { id: a.id })));
    expect(after.map((a) => a.status)).toEqual(['synced', 'synced']);
    expectOneEach(
      rig,
      after.map((a) => a.contentId),
    );
  });

  it('ends with one content when the answer to POST /v1/contents is lost', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[2]!]);
    const cut = rig.platformProxy.addRule({
      when: (request) => request.method === 'POST' && request.path === '/api/v1/contents',
      fault: { kind: 'cut', afterBytes: 0 },
      times: 1,
    });
    await syncAndWait(engine, [asset!.id]);
    expect(cut.fired).toBe(1);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    expect(synced.status).toBe('synced');
    expect(rig.platform.store.contents()).toHaveLength(1);
    expectOneEach(rig, [synced.contentId]);
  });

  it('syncs everything when 20% of requests fail with 500, 503 or a reset', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const assets = await addAnalysed(engine, rig.clips.slice(0, 3));
    for (const proxy of [rig.s3Proxy, rig.platformProxy]) {
      proxy.addRule({ fault: { kind: 'status', status: 500 }, share: 0.07 });
      proxy.addRule({ fault: { kind: 'status', status: 503, retryAfter: 0 }, share: 0.07 });
      proxy.addRule({ fault: { kind: 'drop' }, share: 0.07 });
    }
    const jobs = await syncAndWait(
      engine,
      assets.map((a) => a.id),
    );
    const faults = [rig.s3Proxy, rig.platformProxy].flatMap((proxy) =>
      Object.values(proxy.stats().faults),
    );
    expect(faults.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(3);
    expect(jobs.filter((j) => j.kind === 'sync').map((j) => j.state)).toEqual([
      'done',
      'done',
      'done',
    ]);
    const after = await Promise.all(assets.map((a) => call(engine, 'assets.get', { id: a.id })));
    expectOneEach(
      rig,
      after.map((a) => a.contentId),
    );
  });

  it('stops the profile’s syncs on a wrong internal token and says so, without looping', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig, { token: 'itk-wrong-wrong-wrong-wrong' });
    const assets = await addAnalysed(engine, rig.clips.slice(0, 2));
    rig.platform.clearRequests();
    const jobs = await syncAndWait(
      engine,
      assets.map((a) => a.id),
    );
    const sync = jobs.filter((j) => j.kind === 'sync');
    expect(sync.map((j) => j.state)).toEqual(['paused', 'paused']);
    const refused = rig.platform.requests.filter((r) => r.url.includes('upsert-internal'));
    expect(refused.every((r) => r.status === 401)).toBe(true);
    expect(refused.length).toBeLessThanOrEqual(2);
    const statuses = await call(engine, 'sync.status', { assetIds: assets.map((a) => a.id) });
    expect(statuses.some((s) => s.lastError?.code === 'E_PLATFORM_AUTH')).toBe(true);
    expect(statuses.map((s) => s.jobState)).toEqual(['paused', 'paused']);

    // The editor stores the right token: the stopped syncs carry on by themselves.
    const [profile] = await call(engine, 'profiles.list', {});
    const resumed = nextJobState(engine, (job) => job.state === 'queued');
    await call(engine, 'profiles.setSecret', {
      profileId: profile!.id,
      kind: 'internal-token',
      value: INTERNAL_TOKEN,
    });
    await resumed;
    const after = await waitForJobsIdle(engine);
    expect(after.filter((j) => j.kind === 'sync').map((j) => j.state)).toEqual(['done', 'done']);
    for (const asset of assets) {
      expect((await call(engine, 'assets.get', { id: asset.id })).status).toBe('synced');
    }
  });

  it('re-sends only the metadata of an edited synced asset', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[3]!]);
    await syncAndWait(engine, [asset!.id]);
    const edited = await call(engine, 'assets.update', {
      id: asset!.id,
      patch: { title: 'Take four, graded', ageRating: '12+' },
    });
    expect(edited.status).toBe('dirty');
    rig.s3Proxy.resetStats();
    rig.platform.clearRequests();
    await syncAndWait(engine, [asset!.id]);

    const content = rig.platform.store.content(edited.contentId!);
    expect(content).toMatchObject({ title: 'Take four, graded', age_rating: '12+' });
    expect(rig.platform.requests.map((r) => `${r.method} ${r.url.replace(/\d+/g, 'N')}`)).toEqual([
      'GET /api/vN/contents/N',
      'PUT /api/vN/contents/N/upsert-internal',
    ]);
    // The objects describe themselves with the new metadata; no body went again.
    const stats = rig.s3Proxy.stats();
    expect(stats.byOperation.PutObject ?? 0).toBe(0);
    expect(stats.byOperation.UploadPart ?? 0).toBe(0);
    expect(stats.bytesForwarded).toBe(0);
    const [status] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
    const s3 = rig.s3.createClient();
    for (const key of [status!.videoKey!, status!.thumbnailKey!]) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: rig.s3.bucket, Key: key }));
      // (moto drops metadata names with '_', so age_rating cannot be read back here.)
      expect(decodeMetadataValue(head.Metadata?.title ?? '')).toBe('Take four, graded');
    }
    expect((await call(engine, 'assets.get', { id: asset!.id })).status).toBe('synced');
    expectOneEach(rig, [edited.contentId]);
  });

  it('treats a remote change as a conflict instead of overwriting it', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[0]!]);
    await syncAndWait(engine, [asset!.id]);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    rig.platform.store.putContent({ id: synced.contentId!, title: 'Renamed on the web' });
    await call(engine, 'assets.update', { id: asset!.id, patch: { title: 'Renamed in Dailies' } });
    const jobs = await syncAndWait(engine, [asset!.id]);

    expect(jobs.find((j) => j.kind === 'sync')).toMatchObject({
      state: 'failed',
      error: { code: 'E_CONFLICT' },
    });
    expect(rig.platform.store.content(synced.contentId!)?.title).toBe('Renamed on the web');
    const [status] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
    expect(status!.conflict?.fields).toEqual([
      {
        field: 'title',
        base: synced.title,
        theirs: 'Renamed on the web',
        ours: 'Renamed in Dailies',
      },
    ]);
    expect((await call(engine, 'assets.get', { id: asset!.id })).status).toBe('dirty');
  });

  it('reconcile finds an object deleted from the bucket', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[1]!]);
    await syncAndWait(engine, [asset!.id]);
    expect((await call(engine, 'sync.reconcile', {})).findings).toEqual([]);

    const [status] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
    await rig.s3
      .createClient()
      .send(new DeleteObjectCommand({ Bucket: rig.s3.bucket, Key: status!.videoKey! }));
    const report = await call(engine, 'sync.reconcile', {});
    expect(report.findings).toEqual([
      {
        kind: 'registered-object-missing',
        assetId: asset!.id,
        contentId: status!.contentId,
        key: status!.videoKey,
      },
    ]);
  });

  it('reconcile turns a change made on the platform into a conflict settled field by field', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [asset] = await addAnalysed(engine, [rig.clips[2]!]);
    await syncAndWait(engine, [asset!.id]);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    rig.platform.store.putContent({ id: synced.contentId!, title: 'Retitled on the web' });

    const report = await call(engine, 'sync.reconcile', {});
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'remote-changed', assetId: asset!.id }),
    ]);
    const [status] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
    expect(status!.conflict?.fields).toEqual([
      { field: 'title', base: synced.title, ours: synced.title, theirs: 'Retitled on the web' },
    ]);
    // Nothing was overwritten on either side until the editor chose.
    expect(rig.platform.store.content(synced.contentId!)?.title).toBe('Retitled on the web');
    expect((await call(engine, 'assets.get', { id: asset!.id })).title).toBe(synced.title);

    await call(engine, 'sync.resolveConflict', { assetId: asset!.id, keep: { title: 'theirs' } });
    expect((await call(engine, 'assets.get', { id: asset!.id })).title).toBe('Retitled on the web');
    expect((await call(engine, 'sync.reconcile', {})).findings).toEqual([]);
  });
});
