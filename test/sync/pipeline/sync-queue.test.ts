import fs from 'node:fs';
import path from 'node:path';
import {
  CreateBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createBandwidthLimiter } from '../../../src/engine/storage/upload/bandwidth-limiter';
import type { Clock } from '../../../src/engine/time/clock';
import type { Engine } from '../../../src/engine/create-engine';
import type { Job, JobKind } from '../../../src/shared/contract';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import { startPlatformStandIn, type PlatformStandIn } from '../../../src/stand-ins/platform';
import { virtualClock } from '../upload/virtual-clock';
import { padClip } from './padded-clip';
import { addWithAnalysisOf } from './seed-analysed';
import { atRequest } from './proxy-trigger';
import {
  addAnalysed,
  EDITOR,
  expectOneEach,
  fileSha256,
  INTERNAL_TOKEN,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from './sync-kit';
import { systemClock } from '../../../src/engine/time/clock';

const KiB = 1024;
const MiB = 1024 * KiB;

const rig = useSyncRig({ clips: 3 });

/** `count` distinct copies of a clip (each its own padding), in a fresh directory. */
function copies(count: number, padBytes: number): string[] {
  const dir = tempDir('dailies-copies-');
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `shot-${String(i + 1).padStart(2, '0')}.mp4`);
    padClip(rig.clips[0]!, file, padBytes + i);
    return file;
  });
}

describe('the sync queue', () => {
  it('holds 50 files syncing at once to the bandwidth limit, by the limiter’s accounting', async () => {
    const rate = 256 * KiB;
    // Sampled whenever the limiter waits: the bytes it has granted by that virtual moment.
    const samples: Array<{ at: number; granted: number }> = [];
    const virtual = virtualClock(0);
    const clock: Clock = {
      ...systemClock,
      now: () => virtual.now(),
      sleep: (ms) => {
        samples.push({ at: virtual.now(), granted: limiter.granted() });
        return virtual.sleep(ms);
      },
    };
    const limiter = createBandwidthLimiter({ bytesPerSecond: 0, clock });
    const engine = syncEngine(rig, undefined, { bandwidthLimiter: limiter });
    await setUpProfile(engine, rig, {
      profile: {
        upload: { ...uploadDefaults, concurrency: 8, bandwidthLimitBytesPerSecond: rate },
      },
    });
    const [reference] = await addAnalysed(engine, [rig.clips[0]!]);
    const assets = [
      reference!,
      ...(await addWithAnalysisOf(engine, copies(49, 16 * KiB), reference!)),
    ];
    const before = limiter.granted();
    rig.s3Proxy.resetStats();

    const jobs = await syncAndWait(
      engine,
      assets.map((a) => a.id),
    );
    expect(jobs.filter((j) => j.kind === 'sync' && j.state === 'done')).toHaveLength(50);
    const synced = await Promise.all(assets.map((a) => call(engine, 'assets.get', { id: a.id })));
    expect(synced.every((a) => a.status === 'synced')).toBe(true);
    expectOneEach(
      rig,
      synced.map((a) => a.contentId),
    );

    // Every byte sent went through the limiter, and every file went once, but for the one
    // the uploader sends again to learn whether the store honours conditional PUTs.
    const sent = await bucketBytes();
    expect(sent).toBeGreaterThan(assets.reduce((sum, a) => sum + a.sizeBytes, 0));
    const wire = rig.s3Proxy.stats();
    expect(limiter.granted() - before).toBe(wire.bytesForwarded);
    const largest = Math.max(...synced.map((a) => a.sizeBytes));
    expect(wire.bytesForwarded - sent).toBeLessThanOrEqual(largest);
    expect(wire.byOperation.PutObject).toBeLessThanOrEqual(2 * assets.length + 1);
    samples.push({ at: virtual.now(), granted: limiter.granted() });
    // Over any window, no more than a bucketful plus the rate times its length.
    const burst = rate;
    for (const [i, from] of samples.entries()) {
      for (const to of samples.slice(i + 1)) {
        const allowed = burst + (rate * (to.at - from.at)) / 1000;
        expect(to.granted - from.granted).toBeLessThanOrEqual(allowed + 1);
      }
    }
    // And the limit was what held them: the whole lot took the time the rate allows.
    expect(virtual.now()).toBeGreaterThanOrEqual(((sent - burst) / rate) * 1000);
    console.info('50 files:', { bytes: sent, waits: samples.length, virtualMs: virtual.now() });
  });

  it('stops a file changed during its upload, aborts the upload and analyses it again', async () => {
    const engine = syncEngine(rig, undefined, {
      uploaderOptions: {
        multipartThresholdBytes: 5 * MiB,
        minPartBytes: 5 * MiB,
        maxPartBytes: 5 * MiB,
        partConcurrency: 1,
      },
    });
    await setUpProfile(engine, rig);
    const [file] = copies(1, 20 * MiB);
    const [asset] = await addAnalysed(engine, [file!]);
    // While the first part is on its way, the editor's tool rewrites the file (still a video).
    atRequest(
      rig.s3Proxy,
      (r) => r.operation === 'UploadPart',
      1,
      () => fs.appendFileSync(file!, freeBox(64)),
    );
    const reanalysed = jobEnded(engine, 'analyse', asset!.id);
    const jobs = await syncAndWait(engine, [asset!.id]);

    const sync = jobs.find((j) => j.kind === 'sync');
    expect(sync).toMatchObject({ state: 'failed', error: { code: 'E_FILE_CHANGED' } });
    expect(sync!.error!.message).toMatch(/changed on disk while it was uploading/);
    expect(sync!.error!.message).toMatch(/analyses it again/);
    const [status] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
    expect(status!.lastError?.code).toBe('E_FILE_CHANGED');
    // The upload was aborted: nothing of ours is left in the bucket to cost money.
    expect(rig.s3Proxy.stats().byOperation.AbortMultipartUpload).toBe(1);
    const left = await rig.s3
      .createClient()
      .send(new ListMultipartUploadsCommand({ Bucket: rig.s3.bucket }));
    expect(left.Uploads ?? []).toEqual([]);
    expect(rig.platform.store.videoAssets()).toEqual([]);
    // Marked for analysis, and analysed again: the asset now describes the new bytes.
    expect((await reanalysed).state).toBe('done');
    const after = await call(engine, 'assets.get', { id: asset!.id });
    expect(after).toMatchObject({
      status: 'ready',
      needsAnalysis: false,
      sha256: fileSha256(file!),
    });
    expect(after.sha256).not.toBe(asset!.sha256);

    // Queued again, it goes through with the new content.
    await syncAndWait(engine, [asset!.id]);
    expect((await call(engine, 'assets.get', { id: asset!.id })).status).toBe('synced');
  });

  it('keeps a queued sync on the profile it was queued under when the active one changes', async () => {
    const other = await otherDestination();
    try {
      const engine = syncEngine(rig);
      const first = await setUpProfile(engine, rig);
      const second = await setUpProfile(engine, rig, {
        profile: {
          name: 'Second',
          bucket: other.bucket,
          apiBaseUrl: other.platform.baseUrl,
        },
      });
      const assets = await addAnalysed(engine, rig.clips);
      await call(engine, 'sync.enqueue', { assetIds: [assets[0]!.id, assets[1]!.id] });
      await call(engine, 'jobs.pause', { all: true, kind: 'sync' });
      await call(engine, 'profiles.activate', { id: second });
      await call(engine, 'sync.enqueue', { assetIds: [assets[2]!.id] });
      await call(engine, 'jobs.resume', { all: true, kind: 'sync' });
      const jobs = await waitForJobsIdle(engine);
      expect(jobs.filter((j) => j.kind === 'sync').map((j) => j.state)).toEqual([
        'done',
        'done',
        'done',
      ]);

      const statuses = await call(engine, 'sync.status', { assetIds: assets.map((a) => a.id) });
      expect(statuses.map((s) => s.profileId)).toEqual([first, first, second]);
      const where = async (status: (typeof statuses)[number], bucket: string) => {
        await rig.s3
          .createClient()
          .send(new HeadObjectCommand({ Bucket: bucket, Key: status.videoKey! }));
        return status.contentId;
      };
      expect(
        rig.platform.store
          .contents()
          .map((c) => c.id)
          .sort(),
      ).toEqual(
        [await where(statuses[0]!, rig.s3.bucket), await where(statuses[1]!, rig.s3.bucket)].sort(),
      );
      expect(other.platform.store.contents().map((c) => c.id)).toEqual([
        await where(statuses[2]!, other.bucket),
      ]);
      expect(other.platform.store.videoAssets()[0]!.video_url).toBe(
        `s3://${other.bucket}/${statuses[2]!.videoKey}`,
      );
      for (const status of statuses.slice(0, 2)) {
        expect(rig.platform.store.videoAssets(status.contentId!)[0]!.video_url).toBe(
          `s3://${rig.s3.bucket}/${status.videoKey}`,
        );
      }
    } finally {
      await other.close();
    }
  });
});

const uploadDefaults = {
  concurrency: 4,
  partSizeBytes: 16 * MiB,
  bandwidthLimitBytesPerSecond: null,
  timeWindow: null,
};

/** The bytes all objects in the rig's bucket hold (the videos and thumbnails sent). */
async function bucketBytes(): Promise<number> {
  const listed = await rig.s3
    .createClient()
    .send(new ListObjectsV2Command({ Bucket: rig.s3.bucket }));
  return (listed.Contents ?? []).reduce((sum, object) => sum + (object.Size ?? 0), 0);
}

/** An MP4 `free` box of `size` bytes: appended, the file changes but stays a valid video. */
function freeBox(size: number): Buffer {
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size);
  box.write('free', 4, 'latin1');
  return box;
}

/** A second platform (its own stand-in) and a second bucket on the same S3 server. */
async function otherDestination(): Promise<{
  platform: PlatformStandIn;
  bucket: string;
  close(): Promise<void>;
}> {
  const platform = await startPlatformStandIn({
    internalToken: INTERNAL_TOKEN,
    users: [{ ...EDITOR, name: 'Second Editor' }],
    tokenLifetimeSeconds: 3600,
  });
  const bucket = 'dailies-second';
  await rig.s3.createClient().send(new CreateBucketCommand({ Bucket: bucket }));
  return { platform, bucket, close: () => platform.close() };
}

/** The next time a job of `kind` for the asset ends (done or failed), bounded. */
function jobEnded(engine: Engine, kind: JobKind, assetId: number): Promise<Job> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${kind} job for asset ${assetId} ended within 60 s`));
    }, 60_000);
    const stop = engine.subscribe((event) => {
      if (event.name !== 'job.changed') return;
      const job = event.payload;
      if (job.spec.kind !== kind || job.spec.assetId !== assetId) return;
      if (job.state !== 'done' && job.state !== 'failed') return;
      clearTimeout(timer);
      stop();
      resolve(job);
    });
  });
}
