import type { AssetStatus, AssetSyncStatus } from '../../../shared/contract';

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

/**
 * The status chip's words. A file sent at its analysis's verdict stays 'analysing' while its
 * stills are made, and its video may be going up meanwhile: the chip then says both, as the
 * Upload queue shows the upload.
 */
export function statusChipLabel(
  status: AssetStatus,
  sync: Pick<AssetSyncStatus, 'jobState' | 'upload'> | undefined,
): string {
  if (status !== 'analysing' || !sync) return statusLabels[status];
  if (sync.jobState === 'running')
    return sync.upload ? 'Analysing · uploading' : 'Analysing · sending';
  if (sync.jobState === 'queued') return 'Analysing · queued';
  return statusLabels[status];
}

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
