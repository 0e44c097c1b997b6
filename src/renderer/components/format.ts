export { formatBytes, formatDuration } from '../../shared/format-units';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A fact's date, always in full ("3 Mar 2025, 14:05"); a dash when there is none. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "14:05" today, "3 Mar 2025, 14:05" on another day. */
export function formatWhen(iso: string | null, now = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString()
    ? timeFormat.format(date)
    : dateFormat.format(date);
}

/** The last part of a path, whichever separator the host uses. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
