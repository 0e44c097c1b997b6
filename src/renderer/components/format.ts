export { formatBytes, formatDuration } from '../../shared/format-units';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A fact's date, always in full ("3 Mar 2025, 14:05"); a dash when there is none. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/**
 * When something happened or will: the same full form as every other date in the app, so
 * an editor never has to read two formats side by side.
 */
export function formatWhen(iso: string | null): string {
  return iso ? formatDate(iso) : '';
}

/** The last part of a path, whichever separator the host uses. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}
