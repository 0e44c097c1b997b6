import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/engine';
import { makeClip } from '../../rig/media-fixtures';
import { addAnalysed, setUpProfile, syncAndWait, syncEngine, useSyncRig } from './sync-kit';

const rig = useSyncRig({
  clips: async (dir) => {
    // Named after content 1, which the platform does not have until this file is sent.
    const named = path.join(dir, '1_named-take.mp4');
    const untitled = path.join(dir, 'untitled take.mp4');
    await makeClip('ffmpeg', named, 1, '160x120', 440);
    await makeClip('ffmpeg', untitled, 1, '160x120', 494);
    return [named, untitled];
  },
});

describe('a new content id that a file in the library is named after', () => {
  it('is left to that file: the new title gets another, and each content one video', async () => {
    const engine = syncEngine(rig);
    await setUpProfile(engine, rig);
    const [named, untitled] = await addAnalysed(engine, rig.clips);
    expect(named!.contentId).toBe(1);
    expect(untitled!.contentId).toBeNull();

    // The platform's first new content is id 1, the one the named file claims.
    const [send] = await syncAndWait(engine, [untitled!.id]);
    expect(send?.state).toBe('done');
    const sent = await call(engine, 'assets.get', { id: untitled!.id });
    expect(sent.contentId).not.toBe(1);
    expect((await syncAndWait(engine, [named!.id]))[0]?.state).toBe('done');

    const { store } = rig.platform;
    for (const asset of [named!, sent]) {
      const content = await call(engine, 'assets.get', { id: asset.id });
      expect(content.status).toBe('synced');
      expect(store.videoAssets(content.contentId!)).toHaveLength(1);
    }
    expect(store.contents().find((c) => c.id === 1)?.title).toBe(named!.title);
    await engine.dispose();
  });
});
