import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { tempDir } from '../../helpers/temp-dir';
import { addAnalysed, setUpProfile, syncAndWait, syncEngine, useSyncRig } from './sync-kit';

const rig = useSyncRig({ clips: 3 });

/** Counts the PUTs that store an object (not a part, not a copy) while `run` runs. */
async function objectPuts(run: () => Promise<unknown>): Promise<number> {
  let puts = 0;
  const counter = rig.s3Proxy.addRule({
    when: (request) => {
      const copy = request.headers['x-amz-copy-source'] !== undefined;
      if (request.method === 'PUT' && !copy && !request.path.includes('partNumber=')) puts += 1;
      return false;
    },
    fault: { kind: 'drop' },
  });
  try {
    await run();
  } finally {
    counter.remove();
  }
  return puts;
}

describe('what a store showed about conditional writes', () => {
  it('is learnt once per profile, not again after a restart, and goes with the profile', async () => {
    const dataDir = tempDir('dailies-conditional-');
    const first = syncEngine(rig, dataDir);
    await setUpProfile(first, rig);
    const [a, b] = await addAnalysed(first, rig.clips.slice(0, 2));
    // The first asset's small files: a video and a thumbnail, plus the probe's second send.
    const learning = await objectPuts(() => syncAndWait(first, [a!.id]));
    const learnt = await objectPuts(() => syncAndWait(first, [b!.id]));
    expect(learning).toBe(learnt + 1);
    await first.dispose();

    const second = syncEngine(rig, dataDir);
    const [c] = await addAnalysed(second, [rig.clips[2]!]);
    const afterRestart = await objectPuts(() => syncAndWait(second, [c!.id]));
    expect(afterRestart).toBe(learnt);

    const profileId = (await call(second, 'profiles.list', {}))[0]!.id;
    expect(rememberedFor(dataDir, profileId)).toHaveLength(1);
    await call(second, 'profiles.remove', { id: profileId });
    expect(rememberedFor(dataDir, profileId)).toEqual([]);
    await second.dispose();
  });
});

/** The catalog's key/value rows kept for a profile, read from the file as support would. */
function rememberedFor(dataDir: string, profileId: string): unknown[] {
  const db = new Database(path.join(dataDir, 'catalog.db'), { readonly: true });
  try {
    return db.prepare('SELECT key FROM settings WHERE key LIKE ?').all(`%${profileId}%`);
  } finally {
    db.close();
  }
}
