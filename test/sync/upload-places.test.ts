import { describe, expect, it } from 'vitest';
import { fitsIn, uploadPlaces } from '../../src/engine/sync/upload-places';

const MiB = 1024 * 1024;
const limits = { multipartThresholdBytes: 16 * MiB, partConcurrency: 4 };

describe('the places a send takes of a profile’s uploads at once', () => {
  it('gives a file sent in parts a whole place, and a small one its share by size', () => {
    expect(uploadPlaces(2 * 1024 * MiB, limits)).toBe(1);
    expect(uploadPlaces(16 * MiB, limits)).toBe(1);
    expect(uploadPlaces(8 * MiB, limits)).toBe(0.5);
    // However small, a quarter: no more requests in flight than one file's parts.
    expect(uploadPlaces(945 * 1024, limits)).toBe(0.25);
    expect(uploadPlaces(0, limits)).toBe(0.25);
  });

  it('starts a send while the places taken leave room for it, and the first one always', () => {
    expect(fitsIn(4, 3, 1)).toBe(true);
    expect(fitsIn(4, 3.25, 1)).toBe(false);
    expect(fitsIn(1, 0.75, 0.25)).toBe(true);
    expect(fitsIn(1, 1, 0.25)).toBe(false);
    expect(fitsIn(1, 0, 1)).toBe(true);
    // Under a bandwidth limit the threshold is 5 MiB: a 5 MiB file alone takes a place.
    expect(
      fitsIn(1, 0, uploadPlaces(5 * MiB + 1, { ...limits, multipartThresholdBytes: 5 * MiB + 1 })),
    ).toBe(true);
  });
});
