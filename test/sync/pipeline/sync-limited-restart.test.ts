import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { waitForJobsIdle } from '../../helpers/jobs';
import { tempDir } from '../../helpers/temp-dir';
import type { ProxiedRequest } from '../../rig/fault-proxy';
import { padClip } from './padded-clip';
import { atRequest } from './proxy-trigger';
import { addAnalysed, objectSha256, setUpProfile, syncEngine, useSyncRig } from './sync-kit';

const MiB = 1024 * 1024;
/** Below the 16 MiB a file needs to go in parts without a bandwidth limit. */
const PADDING = 11 * MiB;
/** Parts one at a time, so the stop lands between two parts of the second file. */
const uploaderOptions = { partConcurrency: 1 };

const rig = useSyncRig({ clips: 3 });
const isPart = (request: ProxiedRequest) => request.operation === 'UploadPart';

describe('small files under a bandwidth limit, the engine restarted mid-batch', () => {
  it('re-sends neither finished files nor finished parts, and the restart is no attempt', async () => {
    const dataDir = tempDir('dailies-limited-');
    const dir = tempDir('dailies-limited-files-');
    const files = rig.clips.map((clip, i) => {
      const file = path.join(dir, `small-${i}.mp4`);
      padClip(clip, file, PADDING);
      return file;
    });
    const first = syncEngine(rig, dataDir, { uploaderOptions });
    await setUpProfile(first, rig, {
      profile: {
        upload: {
          concurrency: 1,
          partSizeBytes: 16 * MiB,
          bandwidthLimitBytesPerSecond: 16 * MiB,
          timeWindow: null,
        },
      },
    });
    const assets = await addAnalysed(first, files);
    const sizes = assets.map((asset) => asset.sizeBytes);
    const partsOf = (size: number) => Math.ceil(size / (5 * MiB));
    // The stop comes as the second file's second part starts: the first file is whole, and
    // the second has one part stored.
    const reached = new Promise<void>((resolve) => {
      atRequest(rig.s3Proxy, isPart, partsOf(sizes[0]!) + 2, resolve);
    });
    await call(first, 'sync.enqueue', { assetIds: assets.map((asset) => asset.id) });
    await reached;
    await first.dispose();

    rig.s3Proxy.clearRules();
    rig.s3Proxy.resetStats();
    const seen: ProxiedRequest[] = [];
    rig.s3Proxy.addRule({ when: (request) => !seen.push(request), fault: { kind: 'drop' } });
    const second = syncEngine(rig, dataDir, { uploaderOptions });
    const jobs = (await waitForJobsIdle(second)).filter((job) => job.kind === 'sync');
    expect(jobs.map((job) => [job.state, job.attempts])).toEqual(assets.map(() => ['done', 1]));
    // Uploads go one file at a time: the first was whole before the stop, the second had
    // its first part stored. After the restart the first gets no byte, the second resumes.
    const sent = (name: string) =>
      seen
        .filter((r) => r.path.endsWith(name))
        .filter((r) => ['PutObject', 'UploadPart', 'CreateMultipartUpload'].includes(r.operation))
        .map((r) => `${r.operation}${r.partNumber ?? ''}`);
    expect(sent('small-0.mp4')).toEqual([]);
    expect(sent('small-1.mp4')).toEqual(
      Array.from({ length: partsOf(sizes[1]!) - 1 }, (_, i) => `UploadPart${i + 2}`),
    );
    for (const asset of assets) {
      const [status] = await call(second, 'sync.status', { assetIds: [asset.id] });
      expect(await objectSha256(rig, status!.videoKey!)).toBe(asset.sha256);
    }
  });
});
