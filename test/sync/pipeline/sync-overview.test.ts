import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SyncOverview } from '../../../src/shared/contract';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { makeClip } from '../../rig/media-fixtures';
import { addAnalysed, setUpProfile, syncEngine, useSyncRig } from './sync-kit';

// Bigger than the kit's clips, so uploads under a 64 KiB/s limit take a few seconds.
const rig = useSyncRig({
  clips: async (dir) => {
    const clips = [path.join(dir, 'wide-a.mp4'), path.join(dir, 'wide-b.mp4')];
    for (const [i, file] of clips.entries())
      await makeClip('ffmpeg', file, 2, '320x240', 500 + i * 50);
    return clips;
  },
});

describe('the sync queue overview', () => {
  it('counts the jobs, adds up the bytes of the batch (never going backwards), and measures the speed while bytes move', async () => {
    const engine = syncEngine(rig);
    const profileId = await setUpProfile(engine, rig);
    const assets = await addAnalysed(engine, rig.clips);
    const videoBytes = assets.reduce((sum, asset) => sum + asset.sizeBytes, 0);
    // Slow enough that several progress reports arrive per file.
    await call(engine, 'profiles.update', {
      id: profileId,
      patch: {
        upload: {
          concurrency: 1,
          partSizeBytes: 16 * 1024 * 1024,
          bandwidthLimitBytesPerSecond: 64 * 1024,
          timeWindow: null,
        },
      },
    });
    expect(await call(engine, 'sync.overview', {})).toEqual({
      queued: 0,
      running: 0,
      paused: 0,
      failed: 0,
      bytesSent: 0,
      bytesTotal: 0,
      bytesPerSecond: 0,
      etaSeconds: null,
      holds: [],
    });

    const seen: SyncOverview[] = [];
    engine.subscribe((event) => {
      if (event.name === 'sync.overview') seen.push(event.payload);
    });
    await call(engine, 'sync.enqueue', { assetIds: assets.map((a) => a.id) });
    const queued = await call(engine, 'sync.overview', {});
    expect(queued.queued + queued.running).toBe(2);
    // Video and thumbnail of both: a thumbnail is a small JPEG.
    expect(queued.bytesTotal).toBeGreaterThan(videoBytes);
    expect(queued.bytesTotal).toBeLessThan(videoBytes + 200_000);

    await waitForJobsIdle(engine);
    const moving = seen.filter((o) => o.running > 0 && o.bytesSent > 0 && o.bytesPerSecond > 0);
    expect(moving.length, 'overviews while bytes moved').toBeGreaterThan(0);
    for (const overview of moving) {
      expect(overview.bytesSent).toBeLessThanOrEqual(overview.bytesTotal);
      expect(overview.etaSeconds).not.toBeNull();
      // The limit is 64 KiB/s for every upload together.
      expect(overview.bytesPerSecond).toBeLessThan(4 * 64 * 1024);
    }
    console.log(
      JSON.stringify(
        seen.map((o) => [
          o.queued,
          o.running,
          o.bytesSent,
          o.bytesTotal,
          Math.round(o.bytesPerSecond),
        ]),
      ),
    );
    // Neither total goes backwards: a finished asset stays counted until the batch is cleared.
    for (let i = 1; i < seen.length; i += 1) {
      expect(seen[i]!.bytesTotal).toBe(queued.bytesTotal);
      expect(seen[i]!.bytesSent).toBeGreaterThanOrEqual(seen[i - 1]!.bytesSent);
    }
    const last = await call(engine, 'sync.overview', {});
    expect(last).toMatchObject({ queued: 0, running: 0, etaSeconds: null });
    expect(last.bytesTotal).toBe(queued.bytesTotal);
    expect(last.bytesSent).toBe(queued.bytesTotal);

    // The next upload starts a new batch: the finished one is cleared.
    await call(engine, 'assets.update', { id: assets[0]!.id, patch: { title: 'Wide A, recut' } });
    await call(engine, 'sync.enqueue', { assetIds: [assets[0]!.id] });
    const next = await call(engine, 'sync.overview', {});
    // Only the asset sent again counts now, not the two of the finished batch.
    expect(next.bytesTotal).toBeLessThan(queued.bytesTotal - 200_000);
  });
});
