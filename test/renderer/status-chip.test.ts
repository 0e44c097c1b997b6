import { describe, expect, it } from 'vitest';
import { statusChipLabel } from '../../src/renderer/views/library/asset-labels';

const upload = {
  key: 'videos/106_rooftop.mp4',
  bytesSent: 40,
  bytesTotal: 100,
  bytesPerSecond: 10,
  etaSeconds: 6,
};

describe("the Library's status chip", () => {
  it('says both when a file still analysing is already being sent (sent at its verdict)', () => {
    expect(statusChipLabel('analysing', { jobState: 'running', upload })).toBe(
      'Analysing · uploading',
    );
    // Its video is up; the send waits for the stills to register the file.
    expect(statusChipLabel('analysing', { jobState: 'running', upload: null })).toBe(
      'Analysing · sending',
    );
    expect(statusChipLabel('analysing', { jobState: 'queued', upload: null })).toBe(
      'Analysing · queued',
    );
  });

  it('says only the status otherwise', () => {
    expect(statusChipLabel('analysing', undefined)).toBe('Analysing');
    expect(statusChipLabel('analysing', { jobState: 'failed', upload: null })).toBe('Analysing');
    expect(statusChipLabel('uploading', { jobState: 'running', upload })).toBe('Uploading');
    expect(statusChipLabel('synced', { jobState: 'done', upload: null })).toBe('Synced');
  });
});
