import type { TmdbCandidate, TmdbKind } from '../../shared/contract';
import type { MovieResult, TvResult } from './tmdb-answers';

/**
 * What to search for, from an asset's title ("Parasite 2019", "parasite.2019"): words without
 * dots and underscores, and a trailing year taken out as the year when none was given.
 */
export function searchTerms(
  text: string,
  year: number | undefined,
): { query: string; year: number | null } {
  let query = text.replace(/[._]+/g, ' ').replace(/\s+/g, ' ').trim();
  let found = year ?? null;
  const trailing = /^(.+?)[\s([-]+((?:19|20)\d{2})[)\]]?$/.exec(query);
  if (trailing?.[1] && trailing[2]) {
    query = trailing[1].trim();
    found ??= Number(trailing[2]);
  }
  return { query, year: found };
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

function yearOf(date: string | null | undefined): number | null {
  const match = /^(\d{4})/.exec(date ?? '');
  return match?.[1] ? Number(match[1]) : null;
}

/** 0..1: an exact title (in either language) scores high, a year that differs costs. */
function confidenceOf(
  titles: readonly string[],
  candidateYear: number | null,
  query: string,
  year: number | null,
): number {
  const wanted = normalise(query);
  const names = titles.map(normalise).filter((name) => name !== '');
  let score = names.includes(wanted)
    ? 0.85
    : names.some((name) => name.includes(wanted) || wanted.includes(name))
      ? 0.65
      : // TMDB found it by a title in another language (an English query, a Korean title).
        0.6;
  if (year !== null && candidateYear !== null) score += candidateYear === year ? 0.15 : -0.25;
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

export interface RankInput {
  query: string;
  year: number | null;
  posterUrl: (path: string | null | undefined) => string | null;
}

export function movieCandidate(result: MovieResult, input: RankInput): TmdbCandidate {
  const year = yearOf(result.release_date);
  const originalTitle = result.original_title ?? result.title;
  return {
    tmdbId: result.id,
    kind: 'movie',
    title: result.title,
    originalTitle,
    year,
    posterUrl: input.posterUrl(result.poster_path),
    confidence: confidenceOf([result.title, originalTitle], year, input.query, input.year),
  };
}

export function tvCandidate(result: TvResult, input: RankInput): TmdbCandidate {
  const year = yearOf(result.first_air_date);
  const originalTitle = result.original_name ?? result.name;
  return {
    tmdbId: result.id,
    kind: 'tv',
    title: result.name,
    originalTitle,
    year,
    posterUrl: input.posterUrl(result.poster_path),
    confidence: confidenceOf([result.name, originalTitle], year, input.query, input.year),
  };
}

/** Best first; the popularity TMDB gave breaks ties. At most `limit`. */
export function rankCandidates(
  scored: ReadonlyArray<{ candidate: TmdbCandidate; popularity: number }>,
  limit = 20,
): TmdbCandidate[] {
  return [...scored]
    .sort((a, b) => b.candidate.confidence - a.candidate.confidence || b.popularity - a.popularity)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}

/**
 * A single confident match may be preselected (never applied): the only candidate, with a
 * title that matches (or TMDB matched it through a translation) and no year that disagrees.
 */
export function preselect(
  candidates: readonly TmdbCandidate[],
): { tmdbId: number; kind: TmdbKind } | null {
  const [only, ...others] = candidates;
  if (!only || others.length > 0 || only.confidence < 0.75) return null;
  return { tmdbId: only.tmdbId, kind: only.kind };
}
