/** The longest wait a server can ask for that we honour as given (see retry-policy.ts). */
const MAX_SECONDS = 24 * 60 * 60;

/**
 * Milliseconds to wait from a `Retry-After` header (RFC 9110: delay-seconds or an HTTP date),
 * relative to `nowMs`. Undefined when the header is absent or unreadable; a date in the past
 * is 0. Servers are not trusted to be sensible: more than a day is read as a day.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_SECONDS) * 1000;
  // Only the date forms are accepted; Date.parse alone would also take "5 minutes".
  if (!/[a-z]{3},?\s|GMT|UTC|\d{4}-\d{2}-\d{2}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(at - nowMs, 0), MAX_SECONDS * 1000);
}
