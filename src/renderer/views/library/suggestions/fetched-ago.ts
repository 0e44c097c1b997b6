const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 days ago", "just now": how old cached TMDB answers are. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds) || seconds < 60) return 'just now';
  for (const [unit, size] of units) {
    if (seconds >= size) return relative.format(-Math.floor(seconds / size), unit);
  }
  return 'just now';
}

/** Where answers came from and when, as the line under them says it. */
export interface AnswerSource {
  fetchedAt: string;
  fromCache: boolean;
  offline: boolean;
}

/** The line shown under answers: fetched just now, kept from a recent ask, or offline. */
export function fetchedLine(source: AnswerSource, now = Date.now()): string {
  const when = ago(source.fetchedAt, now);
  if (source.offline) return `Fetched ${when}, offline: TMDB cannot be reached now.`;
  if (source.fromCache) return `Fetched ${when}, kept in the catalog.`;
  return `Fetched from TMDB ${when}.`;
}
