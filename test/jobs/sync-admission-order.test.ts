import { afterEach, describe, expect, it } from 'vitest';
import type { SyncJobSpec } from '../../src/shared/contract';
import { defaultUploadSettings } from '../../src/shared/contract/upload-settings';
import { syncAdmission } from '../../src/engine/sync/sync-admission';
import { bareJobQueue } from '../helpers/bare-job-queue';

const MiB = 1024 * 1024;
let dispose = async () => {};
afterEach(() => dispose());

describe('sends of one profile start in queue order', () => {
  it('starts no small file past a large one that waits for a whole place', async () => {
    const bare = bareJobQueue(async () => {});
    const started: number[] = [];
    const finish = new Map<number, () => void>();
    dispose = async () => {
      for (const end of finish.values()) end();
      await bare.dispose();
    };
    bare.queue.register('sync', {
      // Asset 1 is a 2 GiB reel; the others 1 MB clips. One place: four clips, or the reel.
      admit: syncAdmission({
        uploadSettings: () => ({ ...defaultUploadSettings, concurrency: 1 }),
        sizeOf: (assetId) => (assetId === 1 ? 2048 * MiB : MiB),
      }),
      concurrency: () => 64,
      runner: (spec) => {
        started.push(spec.assetId);
        return new Promise<void>((resolve) => finish.set(spec.assetId, resolve));
      },
    });
    /** Ends a send and waits until the queue has heard of it and started what it would. */
    const done = async (assetId: number) => {
      const ended = bare.entered('done');
      finish.get(assetId)!();
      await ended;
      for (let tick = 0; tick < 5; tick += 1) await new Promise((resolve) => setImmediate(resolve));
    };
    const send = (assetId: number): SyncJobSpec => ({ kind: 'sync', assetId, profileId: 'p' });
    bare.queue.enqueueMany([send(2), send(3), send(1), send(4), send(5)]);
    while (started.length < 2) await new Promise((resolve) => setImmediate(resolve));
    for (let tick = 0; tick < 5; tick += 1) await new Promise((resolve) => setImmediate(resolve));
    // The reel does not fit beside two clips; the clips behind it wait with it.
    expect(started).toEqual([2, 3]);
    await done(2);
    expect(started).toEqual([2, 3]);
    await done(3);
    expect(started).toEqual([2, 3, 1]);
    await done(1);
    expect(started).toEqual([2, 3, 1, 4, 5]);
  });
});
