export const TITLE_MAX_LENGTH = 255;

/**
 * The platform's fallback title for a slug: `-` and `_` become spaces and words are
 * capitalised the way Python's str.title() does it (the platform is a Python service), so
 * `the-dark-knight` is `The Dark Knight` and `4k-remaster` is `4K Remaster`.
 */
export function titleFromSlug(slug: string): string {
  return pythonTitleCase(slug.replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim());
}

function pythonTitleCase(text: string): string {
  let previousCased = false;
  let out = '';
  for (const char of text) {
    const cased = char.toLowerCase() !== char.toUpperCase();
    out += cased ? (previousCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousCased = cased;
  }
  return out;
}

/** Cuts a title to the platform's limit without splitting a surrogate pair. */
export function clampTitle(title: string): string {
  const chars = Array.from(title.trim());
  return chars.length <= TITLE_MAX_LENGTH
    ? chars.join('')
    : chars.slice(0, TITLE_MAX_LENGTH).join('').trim();
}
