import type { TmdbKind } from '../../../../shared/contract';

/** A pasted TMDB id: the number itself, or a themoviedb.org address with the kind in it. */
export function parseTmdbId(text: string): { tmdbId: number; kind?: TmdbKind } | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const url = /themoviedb\.org\/(movie|tv)\/(\d+)/.exec(trimmed);
  if (url) return { tmdbId: Number(url[2]), kind: url[1] as TmdbKind };
  return /^\d{1,10}$/.test(trimmed) && Number(trimmed) > 0 ? { tmdbId: Number(trimmed) } : null;
}
