import { describe, expect, it } from 'vitest';
import { resolutionClass } from '../../src/shared/resolution-class';

describe('resolution class for the platform', () => {
  it.each([
    [3840, 2160, '4K'],
    [3200, 1, '4K'],
    [3199, 1999, '1440p'],
    [2000, 2000, '4K'],
    [2560, 1440, '1440p'],
    [2400, 1, '1440p'],
    [1400, 1400, '1440p'],
    [2399, 1399, '1080p'],
    [1920, 1080, '1080p'],
    [1920, 800, '1080p'],
    [1080, 1920, '1080p'],
    [1800, 1, '1080p'],
    [1000, 1000, '1080p'],
    [1799, 999, '720p'],
    [1280, 720, '720p'],
    [720, 1280, '720p'],
    [1200, 1, '720p'],
    [700, 700, '720p'],
    [1199, 699, '480p'],
    [854, 480, '480p'],
    [800, 1, '480p'],
    [450, 450, '480p'],
    [799, 449, 'SD'],
    [320, 240, 'SD'],
  ] as const)('labels %ix%i as %s', (width, height, expected) => {
    expect(resolutionClass(width, height)).toBe(expected);
    expect(resolutionClass(height, width)).toBe(expected);
  });
});
