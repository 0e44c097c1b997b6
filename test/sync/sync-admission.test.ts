import { describe, expect, it } from 'vitest';
import type { SyncJobSpec } from '../../src/shared/contract';
import { defaultUploadSettings } from '../../src/shared/contract/upload-settings';
import { syncAdmission } from '../../src/engine/sync/sync-admission';

const MiB = 1024 * 1024;
/** Asset 1 is a 2 GiB reel; every other asset a 1 MB clip. */
const sizes = new Map([[1, 2048 * MiB]]);
const send = (assetId: number, profileId = 'a'): SyncJobSpec => ({
  kind: 'sync',
  assetId,
  profileId,
});

function admissionAt(concurrency: number) {
  return syncAdmission({
    uploadSettings: (profileId) =>
      profileId === 'unreadable' ? null : { ...defaultUploadSettings, concurrency },
    sizeOf: (assetId) => (assetId === 99 ? null : (sizes.get(assetId) ?? MiB)),
  });
}

describe('which sends of a profile may start', () => {
  it('starts four small files to a place, and a large file only in a whole free place', () => {
    const admit = admissionAt(1);
    expect(admit(send(5), [send(2), send(3), send(4)], [])).toBe(true);
    expect(admit(send(6), [send(2), send(3), send(4), send(5)], [])).toBe(false);
    expect(admit(send(1), [send(2)], [])).toBe(false);
    expect(admit(send(1), [], [])).toBe(true);
    // Another profile's sends take none of this profile's places.
    expect(admit(send(1), [send(2, 'b'), send(3, 'b')], [])).toBe(true);
  });

  it('keeps a profile’s queue order: no small file starts past a large one waiting for room', () => {
    const admit = admissionAt(2);
    const running = [send(2), send(3), send(4), send(5)]; // one place of two taken
    expect(admit(send(6), running, [])).toBe(true);
    // The reel queued before it was refused (it needs a whole place): the clip waits too.
    expect(admit(send(6), [...running, send(7)], [send(1)])).toBe(false);
    // A refusal under another profile does not hold this one back.
    expect(admit(send(6), running, [send(1, 'b')])).toBe(true);
  });

  it('runs one send at a time of a profile it cannot read, and gives a gone asset the least share', () => {
    const admit = admissionAt(4);
    expect(admit(send(2, 'unreadable'), [], [])).toBe(true);
    expect(admit(send(3, 'unreadable'), [send(2, 'unreadable')], [])).toBe(false);
    // Its job ends at once: a quarter, not a whole place that would hold the queue back.
    expect(admit(send(99), [send(1), send(1), send(1), send(10), send(11), send(12)], [])).toBe(
      true,
    );
  });

  it('keeps all profiles together within sixteen places', () => {
    const admit = admissionAt(16);
    const reels = (profileId: string, count: number) =>
      Array.from({ length: count }, () => send(1, profileId));
    expect(admit(send(1, 'a'), reels('b', 15), [])).toBe(true);
    expect(admit(send(1, 'a'), reels('b', 16), [])).toBe(false);
    expect(admit(send(1, 'a'), [...reels('b', 8), ...reels('a', 8)], [])).toBe(false);
  });

  it('gives the shared places in queue order: another profile’s clips do not overtake a reel', () => {
    const admit = admissionAt(16);
    // Profile b fills the sixteen shared places with clips but for a quarter.
    const clips = Array.from({ length: 63 }, (_, index) => send(100 + index, 'b'));
    const pass: SyncJobSpec[] = []; // the queue's refusals, one list for the whole pass
    expect(admit(send(1, 'a'), clips, pass)).toBe(false);
    pass.push(send(1, 'a'));
    // b's next clip fits the free quarter, but the reel queued before it waits for that room.
    expect(admit(send(200, 'b'), clips, pass)).toBe(false);
    // In the next pass, with room for the reel, it goes first.
    expect(admit(send(1, 'a'), clips.slice(4), [])).toBe(true);
    // A refusal by the profile's own limit holds back only that profile.
    const own = admissionAt(1);
    const passTwo: SyncJobSpec[] = [];
    expect(own(send(1, 'a'), [send(2, 'a'), send(3, 'a')], passTwo)).toBe(false);
    passTwo.push(send(1, 'a'));
    expect(own(send(200, 'b'), [send(2, 'a'), send(3, 'a')], passTwo)).toBe(true);
  });

  it('keeps a profile it cannot read within the shared places too', () => {
    const admit = admissionAt(16);
    const reels = Array.from({ length: 16 }, () => send(1, 'b'));
    expect(admit(send(2, 'unreadable'), reels, [])).toBe(false);
    expect(admit(send(2, 'unreadable'), reels.slice(1), [])).toBe(true);
  });
});
