import fs from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/create-engine';
import type { AssetId } from '../../../src/shared/contract';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { nextEvent } from '../../jobs/jobs-test-kit';
import { tempDir } from '../../helpers/temp-dir';
import { makeClip } from '../../rig/media-fixtures';
import { cleanEnv } from '../../profiles/profile-kit';
import { fileSha256, objectSha256, setUpProfile, syncEngine, useSyncRig } from './sync-kit';

const rig = useSyncRig({
  clips: async (dir) => {
    const mp4 = path.join(dir, 'verdict-take.mp4');
    const mkv = path.join(dir, 'verdict-take.mkv');
    await makeClip('ffmpeg', mp4, 2, '160x120', 523);
    await makeClip('ffmpeg', mkv, 2, '160x120', 587);
    return [mp4, mkv];
  },
});

/**
 * An ffmpeg that holds the stills (the run writing into the asset's stills folder) until the
 * test releases them, and then makes them, or fails as a file that stops decoding would.
 */
function heldStills() {
  const dir = tempDir('dailies-held-stills-');
  const ffmpeg = path.join(dir, 'held-ffmpeg');
  const released = path.join(dir, 'released');
  const failing = path.join(dir, 'failing');
  fs.writeFileSync(
    ffmpeg,
    [
      '#!/bin/sh',
      'case "$*" in',
      '  */stills/*)',
      `    while [ ! -e '${released}' ]; do sleep 0.02; done`,
      `    if [ -e '${failing}' ]; then echo 'Invalid data found when processing input' >&2; exit 1; fi`,
      '    ;;',
      'esac',
      'exec ffmpeg "$@"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    env: cleanEnv({ DAILIES_FFMPEG: ffmpeg }),
    release: (outcome: 'made' | 'failed') => {
      if (outcome === 'failed') fs.writeFileSync(failing, '');
      fs.writeFileSync(released, '');
    },
  };
}

async function bucketKeys(): Promise<string[]> {
  const listed = await rig.s3
    .createClient()
    .send(new ListObjectsV2Command({ Bucket: rig.s3.bucket }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

/** Adds the file and resolves at its early verdict, with the stills held. */
async function addUntilVerdict(engine: Engine, file: string): Promise<AssetId> {
  const verdict = nextEvent(engine, 'analysis.verdict');
  const { assetIds } = await call(engine, 'assets.addPaths', { paths: [file] });
  const { assetId } = await verdict;
  expect(assetId).toBe(assetIds[0]);
  return assetId;
}

/**
 * An MP4 added with its stills held, queued for sending at its verdict: resolves once its
 * video is in the bucket (the stills still held).
 */
async function videoSentAtVerdict() {
  const [mp4] = rig.clips;
  const held = heldStills();
  const engine = syncEngine(rig, undefined, { env: held.env });
  await setUpProfile(engine, rig);
  const assetId = await addUntilVerdict(engine, mp4!);
  const videoSent = nextEvent(engine, 'sync.progress', (p) => p.step === 'video');
  await call(engine, 'sync.enqueue', { assetIds: [assetId] });
  await videoSent;
  return { engine, held, assetId, mp4: mp4! };
}

describe('sending at the analysis verdict', () => {
  it("sends an MP4's video while its stills are made, and registers it once they are", async () => {
    const [mp4] = rig.clips;
    const held = heldStills();
    const engine = syncEngine(rig, undefined, { env: held.env });
    await setUpProfile(engine, rig);
    const assetId = await addUntilVerdict(engine, mp4!);
    expect((await call(engine, 'assets.get', { id: assetId })).status).toBe('analysing');

    const videoSent = nextEvent(engine, 'sync.progress', (p) => p.step === 'video');
    expect(await call(engine, 'sync.enqueue', { assetIds: [assetId] })).toMatchObject({
      queued: 1,
      notSent: [],
    });
    await videoSent;
    // The video is in the bucket, whole; the stills are still held, nothing is registered.
    const [videoKey] = await bucketKeys();
    expect(videoKey).toMatch(/\.mp4$/);
    expect(await objectSha256(rig, videoKey!)).toBe(await fileSha256(mp4!));
    expect(rig.platform.store.videoAssets()).toEqual([]);
    expect((await call(engine, 'assets.get', { id: assetId })).status).toBe('analysing');

    const analysed = nextEvent(engine, 'assets.changed', (change) => change.ids.includes(assetId));
    held.release('made');
    await analysed;
    // Analysed while its send goes on: it shows the send, not "ready".
    expect(['uploading', 'synced']).toContain(
      (await call(engine, 'assets.get', { id: assetId })).status,
    );
    const jobs = await waitForJobsIdle(engine);
    expect(jobs.map((job) => [job.kind, job.state])).toEqual(
      expect.arrayContaining([
        ['analyse', 'done'],
        ['sync', 'done'],
      ]),
    );
    const asset = await call(engine, 'assets.get', { id: assetId });
    expect(asset.status).toBe('synced');
    const [registered] = rig.platform.store.videoAssets();
    // What only the finished analysis knows went to the platform.
    expect(registered).toMatchObject({ duration: 2, resolution: asset.resolutionClass });
    expect(registered!.thumbnail_url).toMatch(/\.jpg$/);
    expect(await bucketKeys()).toHaveLength(2);
    await engine.dispose();
  });

  it('sends the video again under its new key when the slug is edited while the stills are made', async () => {
    const { engine, held, assetId, mp4 } = await videoSentAtVerdict();
    const [firstKey] = await bucketKeys();

    await call(engine, 'assets.update', { id: assetId, patch: { slug: 'renamed-take' } });
    held.release('made');
    await waitForJobsIdle(engine);
    const [registered] = rig.platform.store.videoAssets();
    const registeredKey = registered!.video_url.replace(`s3://${rig.s3.bucket}/`, '');
    expect(registeredKey).toMatch(/renamed-take\.mp4$/);
    expect(registeredKey).not.toBe(firstKey);
    // What the platform points at is in the bucket, whole.
    expect(await objectSha256(rig, registeredKey)).toBe(await fileSha256(mp4));
    expect((await call(engine, 'assets.get', { id: assetId })).status).toBe('synced');
    await engine.dispose();
  });

  it('says so when the analysis is paused while the video went up', async () => {
    const { engine, held } = await videoSentAtVerdict();
    await call(engine, 'jobs.pause', { all: true, kind: 'analyse' });
    const jobs = await waitForJobsIdle(engine);
    const send = jobs.find((job) => job.kind === 'sync');
    expect(send?.state).toBe('failed');
    expect(send?.error?.message).toMatch(/its analysis was paused or cancelled/);
    expect(rig.platform.store.videoAssets()).toEqual([]);
    held.release('made');
    await engine.dispose();
  });

  it('registers nothing when the analysis fails after the video went up', async () => {
    const { engine, held, assetId } = await videoSentAtVerdict();

    held.release('failed');
    const jobs = await waitForJobsIdle(engine);
    const send = jobs.find((job) => job.kind === 'sync');
    expect(send?.state).toBe('failed');
    expect(send?.error?.message).toMatch(
      /was not registered: its analysis failed after its video went up/,
    );
    expect((await call(engine, 'assets.get', { id: assetId })).status).toBe('error');
    // The file's own problem, as the analysis said it (the CLI's exit code follows it).
    const analysis = await call(engine, 'analysis.get', { assetId });
    expect(send?.error?.code).toBe(analysis?.error?.code);
    expect(rig.platform.store.videoAssets()).toEqual([]);
    await engine.dispose();
  });

  it('waits for the end where the verdict comes only with it (Matroska, loudness rules)', async () => {
    const [mp4, mkv] = rig.clips;
    // Matroska: a cut-short end shows only in the stills, so there is no early verdict.
    const held = heldStills();
    const engine = syncEngine(rig, undefined, { env: held.env });
    await setUpProfile(engine, rig);
    const stills = nextEvent(engine, 'job.progress', (p) => p.stage === 'stills');
    const { assetIds } = await call(engine, 'assets.addPaths', { paths: [mkv!] });
    await stills;
    await expect(call(engine, 'sync.enqueue', { assetIds })).rejects.toThrow(/is not analysed yet/);
    held.release('made');
    await waitForJobsIdle(engine);
    expect((await call(engine, 'sync.enqueue', { assetIds })).queued).toBe(1);
    await waitForJobsIdle(engine);

    // Rules that ask for the loudness (measured alongside the stills) judge only at the end.
    const heldToo = heldStills();
    const strict = syncEngine(rig, undefined, { env: heldToo.env });
    await setUpProfile(strict, rig);
    await call(strict, 'deliveryRules.save', {
      rules: { name: 'Broadcast loudness', loudness: { minLufs: -60, maxLufs: 0 } },
      makeDefault: true,
    });
    const assetId = await addUntilVerdict(strict, mp4!);
    await expect(call(strict, 'sync.enqueue', { assetIds: [assetId] })).rejects.toThrow(
      /is not analysed yet/,
    );
    heldToo.release('made');
    await waitForJobsIdle(strict);
    await engine.dispose();
    await strict.dispose();
  });
});
