import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { tempDir } from '../../helpers/temp-dir';
import {
  addAnalysed,
  objectSha256,
  setUpProfile,
  syncAndWait,
  syncEngine,
  useSyncRig,
} from './sync-kit';

const rig = useSyncRig({ clips: 1 });

describe('a file whose name is not valid UTF-8 (Linux allows any bytes)', () => {
  it.skipIf(process.platform !== 'linux')(
    'is analysed and synced from its exact bytes',
    async () => {
      // "7_café-cut.mp4" as Latin-1 wrote it: 0xe9 alone is no UTF-8.
      const root = tempDir('dailies-latin1-');
      const name = Buffer.concat([
        Buffer.from('7_caf'),
        Buffer.from([0xe9]),
        Buffer.from('-cut.mp4'),
      ]);
      const file = Buffer.concat([Buffer.from(`${root}/`), name]);
      const bytes = fs.readFileSync(rig.clips[0]!);
      fs.writeFileSync(file, bytes);

      const engine = syncEngine(rig);
      await setUpProfile(engine, rig);
      const [asset] = await addAnalysed(engine, [root]);
      expect(asset!.locations[0]!.fileName).toBe('7_caf\uFFFD-cut.mp4');
      const analysis = await call(engine, 'analysis.get', { assetId: asset!.id });
      expect(analysis).toMatchObject({ outcome: 'analysed', error: null });
      expect(analysis!.mediaInfo?.video?.width).toBeGreaterThan(0);

      const jobs = await syncAndWait(engine, [asset!.id]);
      expect(jobs.find((job) => job.kind === 'sync')).toMatchObject({ state: 'done', error: null });
      const [status] = await call(engine, 'sync.status', { assetIds: [asset!.id] });
      expect(status!.videoKey).toBeTruthy();
      expect(await objectSha256(rig, status!.videoKey!)).toBe(
        crypto.createHash('sha256').update(bytes).digest('hex'),
      );
      await engine.dispose();
    },
  );
});
