/**
 * A profile's key prefix with exactly one trailing `/`, or '' for none. Leading slashes go
 * too: S3 would keep them as an empty first folder that no one means. In shared so that the
 * profile form shows the prefix exactly as the engine will use it.
 */
export function normaliseKeyPrefix(prefix: string | null | undefined): string {
  const trimmed = (prefix ?? '')
    .trim()
    .replace(/\/{2,}/g, '/')
    .replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}
