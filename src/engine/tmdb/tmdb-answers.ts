import { z } from 'zod';

/**
 * The parts of TMDB's documented answers (API v3) Dailies reads. Fields TMDB may leave out or
 * null are optional here, so an answer with less detail still parses; anything that is not
 * this shape at all is a malformed answer.
 */
const nullableText = z.string().nullish();

export const movieResultSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  original_title: nullableText,
  overview: nullableText,
  release_date: nullableText,
  poster_path: nullableText,
  popularity: z.number().nullish(),
});
export type MovieResult = z.infer<typeof movieResultSchema>;

export const tvResultSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  original_name: nullableText,
  overview: nullableText,
  first_air_date: nullableText,
  poster_path: nullableText,
  popularity: z.number().nullish(),
});
export type TvResult = z.infer<typeof tvResultSchema>;

export const movieSearchSchema = z.object({ results: z.array(movieResultSchema) });
export const tvSearchSchema = z.object({ results: z.array(tvResultSchema) });

export const releaseDatesSchema = z.object({
  results: z.array(
    z.object({
      iso_3166_1: z.string(),
      release_dates: z.array(z.object({ certification: nullableText, type: z.number().nullish() })),
    }),
  ),
});

export const contentRatingsSchema = z.object({
  results: z.array(z.object({ iso_3166_1: z.string(), rating: nullableText })),
});

/** The KR certification of a movie: the theatrical release's first, else any non-empty one. */
export function krMovieCertification(answer: z.infer<typeof releaseDatesSchema>): string | null {
  const kr = answer.results.find((entry) => entry.iso_3166_1 === 'KR');
  if (!kr) return null;
  const rated = kr.release_dates.filter((date) => (date.certification ?? '').trim() !== '');
  const theatrical = rated.find((date) => date.type === 3) ?? rated[0];
  return theatrical?.certification?.trim() ?? null;
}

export function krTvRating(answer: z.infer<typeof contentRatingsSchema>): string | null {
  const rating = answer.results.find((entry) => entry.iso_3166_1 === 'KR')?.rating?.trim();
  return rating ? rating : null;
}
