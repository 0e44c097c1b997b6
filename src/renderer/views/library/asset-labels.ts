import type { AssetStatus } from '../../../shared/contract';

export const statusLabels: Record<AssetStatus, string> = {
  new: 'New',
  analysing: 'Analysing',
  ready: 'Ready',
  error: 'Error',
  queued: 'Queued',
  uploading: 'Uploading',
  synced: 'Synced',
  dirty: 'Edited',
};

/** Codecs offered in the filter; the catalog may hold others, which search still finds. */
export const commonCodecs = [
  'h264',
  'hevc',
  'prores',
  'dnxhd',
  'vp9',
  'av1',
  'mpeg2video',
  'mpeg4',
];
