export const TITLE_MAX_LENGTH = 255;

/**
 * The platform's fallback title for a slug: `-` and `_` become spaces and each word is
 * capitalised the way Python's string.capwords does it (first character upper case, the rest
 * lower case; the platform is a Python service), so `the-dark-knight` is `The Dark Knight`
 * and `4k-remaster` is `4k Remaster`.
 */
export function titleFromSlug(slug: string): string {
  return slug
    .replace(/[-_]/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(capitaliseWord)
    .join(' ');
}

function capitaliseWord(word: string): string {
  const [first = '', ...rest] = Array.from(word);
  return first.toUpperCase() + rest.join('').toLowerCase();
}

/** Cuts a title to the platform's limit without splitting a surrogate pair. */
export function clampTitle(title: string): string {
  const chars = Array.from(title.trim());
  return chars.length <= TITLE_MAX_LENGTH
    ? chars.join('')
    : chars.slice(0, TITLE_MAX_LENGTH).join('').trim();
}
