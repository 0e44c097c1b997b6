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

/**
 * The line shown under answers: where they came from and when. The engine answers from the
 * catalog both when TMDB cannot be reached and when it was asked lately, so a kept answer
 * names both reasons rather than claiming the editor is offline.
 */
export function fetchedLine(fetchedAt: string, fromCache: boolean, now = Date.now()): string {
  return fromCache
    ? `Fetched ${ago(fetchedAt, now)}, kept in the catalog: TMDB was not asked again (offline, or asked lately).`
    : `Fetched from TMDB ${ago(fetchedAt, now)}.`;
}
