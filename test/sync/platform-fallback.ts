/**
 * The platform's own fallback, rebuilt for tests: a title from a slug by replacing `-`/`_`
 * with spaces and capitalising words (Python's string.capwords).
 */
export function titleCaseOfSlug(slug: string): string {
  return slug
    .replace(/[-_]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}
