import type { AssetStatus } from '../../../shared/contract';

/** 0:07, 12:03, 1:02:03: how editors read running times. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

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
