import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import {
  addAnalysed,
  objectSha256,
  SECRETS,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from './sync-kit';

const rig = useSyncRig({ clips: 6 });

describe('the sync pipeline', () => {
  it('syncs a batch end to end and the platform matches the catalog', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const assets = await addAnalysed(engine, rig.clips.slice(0, 3));

    const jobs = await syncAndWait(
      engine,
      assets.map((a) => a.id),
    );
    expect(jobs.filter((job) => job.kind === 'sync').map((job) => job.state)).toEqual([
      'done',
      'done',
      'done',
    ]);

    const contents = rig.platform.store.contents();
    expect(contents).toHaveLength(3);
    for (const before of assets) {
      const asset = await call(engine, 'assets.get', { id: before.id });
      expect(asset.status).toBe('synced');
      expect(asset.syncedAt).not.toBeNull();
      const content = rig.platform.store.content(asset.contentId!);
      expect(content).toMatchObject({
        title: asset.title,
        description: `Uploaded video: ${asset.slug}`,
        age_rating: 'ALL',
      });
      const videos = rig.platform.store.videoAssets(asset.contentId!);
      expect(videos).toHaveLength(1);
      const videoKey = `videos/${asset.contentId}_${asset.slug}.mp4`;
      const thumbnailKey = `thumbnails/thumb_${asset.contentId}_${asset.slug}.jpg`;
      expect(videos[0]).toMatchObject({
        video_url: `s3://${rig.s3.bucket}/${videoKey}`,
        thumbnail_url: `s3://${rig.s3.bucket}/${thumbnailKey}`,
        resolution: asset.resolutionClass,
      });
      expect(videos[0]!.duration).toBeCloseTo(asset.durationSeconds!, 3);
      expect(await objectSha256(rig, videoKey)).toBe(asset.sha256);
      const [status] = await call(engine, 'sync.status', { assetIds: [asset.id] });
      expect(status).toMatchObject({
        step: 'synced',
        jobState: 'done',
        videoKey,
        thumbnailKey,
        lastError: null,
      });
    }

    // After a whole sync, no secret is in the catalog, its WAL, the logs or any answer.
    const answers = JSON.stringify([
      await call(engine, 'sync.status', {}),
      await call(engine, 'jobs.list', {}),
      await call(engine, 'profiles.list', {}),
      await call(engine, 'sync.reconcile', {}),
    ]);
    const files = listFiles(engine.dataDir).map((file) => fs.readFileSync(file).toString('latin1'));
    for (const secret of SECRETS) {
      expect(answers).not.toContain(secret);
      for (const text of files) expect(text).not.toContain(secret);
    }
  });

  it('refuses to queue an asset that is not analysed, saying why', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig, { signIn: false });
    const report = await call(engine, 'assets.addPaths', { paths: [rig.clips[3]!] });
    await call(engine, 'jobs.pause', { all: true, kind: 'analyse' });
    const result = await engine.dispatch('sync.enqueue', { assetIds: report.assetIds });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(!result.ok && result.error.message).toMatch(/not analysed yet/);
    expect(await call(engine, 'jobs.list', { kind: 'sync' })).toEqual([]);
  });
});

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
}
