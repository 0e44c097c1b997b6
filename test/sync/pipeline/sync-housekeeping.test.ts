import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/create-engine';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import { movableClock } from '../../profiles/profile-kit';
import { padClip } from './padded-clip';
import { atRequest } from './proxy-trigger';
import {
  addAnalysed,
  expectOneEach,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from './sync-kit';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;

const rig = useSyncRig({ clips: 2 });

async function uploadsInBucket(): Promise<string[]> {
  const listed = await rig.s3
    .createClient()
    .send(new ListMultipartUploadsCommand({ Bucket: rig.s3.bucket }));
  return (listed.Uploads ?? []).map((upload) => upload.Key!).sort();
}

/** A colleague's unfinished upload under the same prefix, made with their own S3 client. */
async function colleagueUpload(key: string, partBytes: number): Promise<string> {
  const client = rig.s3.createClient();
  const created = await client.send(
    new CreateMultipartUploadCommand({ Bucket: rig.s3.bucket, Key: key }),
  );
  await client.send(
    new UploadPartCommand({
      Bucket: rig.s3.bucket,
      Key: key,
      UploadId: created.UploadId,
      PartNumber: 1,
      Body: Buffer.alloc(partBytes, 7),
    }),
  );
  return created.UploadId!;
}

/** Assets synced, then each edited both here and on the web: their next sync is a conflict. */
async function conflicted(engine: Engine) {
  await setUpProfile(engine, rig);
  const assets = await addAnalysed(engine, rig.clips);
  await syncAndWait(
    engine,
    assets.map((a) => a.id),
  );
  const synced = await Promise.all(assets.map((a) => call(engine, 'assets.get', { id: a.id })));
  for (const [i, asset] of synced.entries()) {
    rig.platform.store.putContent({ id: asset.contentId!, title: `Web title ${i}` });
    await call(engine, 'assets.update', { id: asset.id, patch: { title: `Our title ${i}` } });
  }
  const jobs = await syncAndWait(
    engine,
    assets.map((a) => a.id),
  );
  const failed = jobs.filter((j) => j.kind === 'sync' && j.state === 'failed');
  expect(failed.map((j) => j.error?.code)).toEqual(['E_CONFLICT', 'E_CONFLICT']);
  return synced;
}

describe('sync housekeeping through the contract', () => {
  it('aborts only its own stale uploads, by its own clock, and lists a colleague’s untouched', async () => {
    const clock = movableClock();
    const engine = syncEngine(rig, undefined, {
      clock: clock.clock,
      uploaderOptions: { multipartThresholdBytes: 5 * MiB, minPartBytes: 5 * MiB },
    });
    await setUpProfile(engine, rig);
    const file = `${tempDir('dailies-stale-')}/reel-stale.mp4`;
    padClip(rig.clips[0]!, file, 12 * MiB);
    const [asset] = await addAnalysed(engine, [file]);
    // Our upload stops after its first part: the editor paused it, then forgot it.
    const started = new Promise<void>((resolve) => {
      atRequest(rig.s3Proxy, (r) => r.operation === 'UploadPart', 1, resolve);
    });
    await call(engine, 'sync.enqueue', { assetIds: [asset!.id] });
    await started;
    await call(engine, 'jobs.pause', { all: true, kind: 'sync' });
    const colleagueKey = 'videos/9_colleague-take.mp4';
    const colleagueId = await colleagueUpload(colleagueKey, 1234);
    const [ours] = (await uploadsInBucket()).filter((key) => key !== colleagueKey);
    expect(ours).toMatch(/^videos\/\d+_reel-stale\.mp4$/);

    const foreign = await call(engine, 'sync.listForeignUploads', {});
    expect(foreign).toEqual([
      expect.objectContaining({ key: colleagueKey, uploadId: colleagueId, parts: 1, bytes: 1234 }),
    ]);
    // A fresh upload of ours is not stale (moto dates every upload 2010: we go by our records).
    expect(await call(engine, 'sync.cleanupUploads', { olderThanHours: 24 })).toEqual({
      aborted: [],
    });
    expect(await uploadsInBucket()).toEqual([colleagueKey, ours].sort());

    clock.advance(25 * HOUR);
    const { aborted } = await call(engine, 'sync.cleanupUploads', { olderThanHours: 24 });
    expect(aborted.map((upload) => upload.key)).toEqual([ours]);
    expect(await uploadsInBucket()).toEqual([colleagueKey]);
    expect(await call(engine, 'sync.listForeignUploads', {})).toEqual(foreign);

    // The asset whose upload was cleaned up still syncs: it starts that upload over.
    await call(engine, 'jobs.resume', { all: true, kind: 'sync' });
    await waitForJobsIdle(engine);
    const synced = await call(engine, 'assets.get', { id: asset!.id });
    expect(synced.status).toBe('synced');
    expectOneEach(rig, [synced.contentId]);
    expect(await uploadsInBucket()).toEqual([colleagueKey]);

    // Aborting a colleague's upload is the editor's own, confirmed action, and only for one
    // listed as foreign now: anything else is refused and nothing is aborted.
    await expect(
      call(engine, 'sync.abortForeignUpload', {
        key: colleagueKey,
        uploadId: 'not-an-upload',
        confirmed: true,
      }),
    ).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await uploadsInBucket()).toEqual([colleagueKey]);
    expect(
      await call(engine, 'sync.abortForeignUpload', {
        key: colleagueKey,
        uploadId: colleagueId,
        confirmed: true,
      }),
    ).toEqual({ key: colleagueKey, uploadId: colleagueId, bytes: 1234 });
    expect(await uploadsInBucket()).toEqual([]);
    expect(await call(engine, 'sync.listForeignUploads', {})).toEqual([]);
  });

  it('stops the sync of an asset moved to the trash and aborts the upload it started', async () => {
    const engine = syncEngine(rig, undefined, {
      uploaderOptions: { multipartThresholdBytes: 5 * MiB, minPartBytes: 5 * MiB },
    });
    await setUpProfile(engine, rig);
    const file = `${tempDir('dailies-removed-')}/reel-removed.mp4`;
    padClip(rig.clips[0]!, file, 12 * MiB);
    const [asset] = await addAnalysed(engine, [file]);
    const started = new Promise<void>((resolve) => {
      atRequest(rig.s3Proxy, (r) => r.operation === 'UploadPart', 1, resolve);
    });
    await call(engine, 'sync.enqueue', { assetIds: [asset!.id] });
    await started;
    expect(await uploadsInBucket()).toHaveLength(1);

    await call(engine, 'assets.remove', { ids: [asset!.id] });
    await expect.poll(() => uploadsInBucket(), { timeout: 30_000 }).toEqual([]);
    const [job] = await call(engine, 'jobs.list', { kind: 'sync' });
    expect(job!.state).toBe('cancelled');
  });

  it('settles one conflict keeping theirs and another keeping ours', async () => {
    const engine = syncEngine(rig);
    const [theirs, ours] = await conflicted(engine);
    rig.platform.clearRequests();

    // Theirs: the platform's values come into the catalog; the platform is only read.
    const settled = await call(engine, 'sync.resolveConflict', {
      assetId: theirs!.id,
      keep: 'theirs',
    });
    // Nothing is wrong any more: the failed job that found the conflict is history.
    expect(settled).toMatchObject({ conflict: null, step: 'synced', lastError: null });
    expect(settled.jobState).not.toBe('failed');
    expect(await call(engine, 'assets.get', { id: theirs!.id })).toMatchObject({
      title: 'Web title 0',
      status: 'synced',
    });
    expect(rig.platform.requests.map((r) => r.method)).toEqual(['GET']);
    expect(await call(engine, 'jobs.list', { kind: 'sync', state: 'queued' })).toEqual([]);

    // Ours: our values are queued and overwrite the platform's.
    expect(
      (await call(engine, 'sync.resolveConflict', { assetId: ours!.id, keep: 'ours' })).conflict,
    ).toBeNull();
    const jobs = await waitForJobsIdle(engine);
    expect(jobs.filter((j) => j.kind === 'sync').map((j) => j.state)).toEqual([
      'done',
      'failed',
      'failed',
      'done',
      'done',
    ]);
    expect(await call(engine, 'assets.get', { id: ours!.id })).toMatchObject({
      title: 'Our title 1',
      status: 'synced',
    });
    expect(rig.platform.store.content(theirs!.contentId!)?.title).toBe('Web title 0');
    expect(rig.platform.store.content(ours!.contentId!)?.title).toBe('Our title 1');
    expectOneEach(rig, [theirs!.contentId, ours!.contentId]);
  });
});
