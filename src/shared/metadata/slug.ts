/** The platform's longest slug; longer ones are cut at a word boundary where possible. */
export const SLUG_MAX_LENGTH = 80;

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The slug rule from PLATFORM_API.md: Unicode NFKD, drop combining marks, lower case, every
 * run of characters outside [a-z0-9] becomes one `-`, trim `-` at both ends, at most 80
 * characters. May return '' (a Korean or Japanese title): see slugOrFallback.
 */
export function slugify(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return folded.slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '');
}

/** The slug, or `asset-` and the first 8 hex digits of the file's sha256 when none is left. */
export function slugOrFallback(text: string, sha256: string): string {
  return slugify(text) || `asset-${sha256.slice(0, 8).toLowerCase()}`;
}

/** True when the text is already a slug the platform accepts as-is. */
export function isValidSlug(text: string): boolean {
  return text.length <= SLUG_MAX_LENGTH && slugPattern.test(text);
}
