/**
 * Turns what an editor types into a safe FTS5 query: every word becomes a quoted prefix
 * term and all must match, so `dark kni` finds "The Dark Knight". FTS5 operators and
 * punctuation in the input are treated as separators, never as syntax.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 20)
    .map((word) => `"${word}"*`)
    .join(' ');
}
