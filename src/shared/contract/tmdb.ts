import { z } from 'zod';
import { ageRatingSchema } from '../metadata/metadata-schema';
import { assetIdSchema } from './asset-identity';
import { errorValueSchema } from './errors';
import { secretStatusSchema } from './secrets';

const isoTime = z.string().describe('ISO 8601 in UTC');

/** TMDB keeps movies and TV series under separate id spaces: an id means nothing without it. */
export const tmdbKindSchema = z.enum(['movie', 'tv']);
export type TmdbKind = z.infer<typeof tmdbKindSchema>;

export const tmdbIdSchema = z.number().int().positive().max(2_147_483_647);

/** The languages suggestions are offered in; the other one is the fallback for missing text. */
export const tmdbLanguages = ['ko-KR', 'en-US'] as const;
export const tmdbLanguageSchema = z.enum(tmdbLanguages);
export type TmdbLanguage = z.infer<typeof tmdbLanguageSchema>;

/** One search result an editor can pick. */
export const tmdbCandidateSchema = z.object({
  tmdbId: tmdbIdSchema,
  kind: tmdbKindSchema,
  /** In the asked language when TMDB has it, else TMDB's own fallback. */
  title: z.string(),
  originalTitle: z.string(),
  year: z.number().int().nullable(),
  /** Absolute https URL of a small poster (w92), or null when TMDB has none. */
  posterUrl: z.string().nullable(),
  /** 0..1: how well the title and year match what was searched. */
  confidence: z.number().min(0).max(1),
});
export type TmdbCandidate = z.infer<typeof tmdbCandidateSchema>;

/** The asset's link to a TMDB item, kept for later refreshes. */
export const tmdbLinkSchema = z.object({ tmdbId: tmdbIdSchema, kind: tmdbKindSchema });
export type TmdbLink = z.infer<typeof tmdbLinkSchema>;

/** A lookup's answer, also as cached for review after a bulk run. */
export const tmdbCandidateListSchema = z.object({
  assetId: assetIdSchema,
  /** What was searched: the title (from the file name or the edited title) and year. */
  query: z.string(),
  year: z.number().int().nullable(),
  /** Best first; empty when TMDB had no match (`noMatch` true). */
  candidates: z.array(tmdbCandidateSchema),
  noMatch: z.boolean(),
  /**
   * The single confident match a view may preselect (never apply without a click), or null.
   */
  preselected: z.object({ tmdbId: tmdbIdSchema, kind: tmdbKindSchema }).nullable(),
  /** When the answers were fetched from TMDB; older than now when they came from the cache. */
  fetchedAt: isoTime,
  /** Answered from the catalog, not asked of TMDB just now (asked lately, or offline). */
  fromCache: z.boolean(),
  /**
   * TMDB could not be reached just now, so these are the answers fetched before. Only a lookup
   * sets it; reading the kept candidates back (`tmdb.candidates`) asks nothing and says false.
   */
  offline: z.boolean(),
  /** The asset's current TMDB link, if one was applied before. */
  linked: tmdbLinkSchema.nullable(),
});
export type TmdbCandidateList = z.infer<typeof tmdbCandidateListSchema>;

export const tmdbFieldSchema = z.enum(['title', 'overview', 'ageRating']);
export type TmdbField = z.infer<typeof tmdbFieldSchema>;

/** Why a suggested age rating is shown but cannot be applied. */
export const ageRatingUnmappedSchema = z.enum(['restricted-screening', 'unknown', 'missing']);

const textSuggestionSchema = z.object({
  /** The asset's value now (overview: the asset's description). */
  current: z.string(),
  /** Null when TMDB has no text in either language. */
  suggested: z.string().nullable(),
  /** The language the suggestion is in: the asked one, or the fallback when it was missing. */
  language: tmdbLanguageSchema.nullable(),
  /** True when `suggested` equals `current` (nothing to accept). */
  same: z.boolean(),
});

export const tmdbSuggestionsSchema = z.object({
  assetId: assetIdSchema,
  tmdbId: tmdbIdSchema,
  kind: tmdbKindSchema,
  title: textSuggestionSchema,
  overview: textSuggestionSchema,
  ageRating: z.object({
    current: ageRatingSchema,
    /** TMDB's Korean certification as given (e.g. "15", "Restricted Screening"), or null. */
    raw: z.string().nullable(),
    /** The platform value it maps to, or null when it does not map (see `unmapped`). */
    suggested: ageRatingSchema.nullable(),
    unmapped: z.object({ reason: ageRatingUnmappedSchema, message: z.string() }).nullable(),
    same: z.boolean(),
  }),
  fetchedAt: isoTime,
  /** Answered from the catalog, not asked of TMDB just now (asked lately, or offline). */
  fromCache: z.boolean(),
  /** TMDB could not be reached just now: the answers are those fetched before. */
  offline: z.boolean(),
});
export type TmdbSuggestions = z.infer<typeof tmdbSuggestionsSchema>;

/** The values the editor saw when accepting: a field changed since is refused, not overwritten. */
export const tmdbExpectedSchema = z
  .object({
    title: z.string().optional(),
    overview: z.string().optional(),
    ageRating: ageRatingSchema.optional(),
  })
  .strict();

export const tmdbApplyResultSchema = z.object({
  assetId: assetIdSchema,
  /** Fields written, as one edit in the asset's history (undone by assets.undo). */
  applied: z.array(tmdbFieldSchema),
  refused: z.array(
    z.object({
      field: tmdbFieldSchema,
      reason: z.enum(['changed-meanwhile', 'no-suggestion', 'invalid']),
      message: z.string(),
    }),
  ),
  /** The history entry's batch id, or null when nothing was applied. */
  batchId: z.string().nullable(),
  revision: z.number().int(),
});
export type TmdbApplyResult = z.infer<typeof tmdbApplyResultSchema>;

export const tmdbStatusSchema = z.object({
  /** The token (v4 read access token) or API key (v3): set / not set, never the value. */
  token: secretStatusSchema,
  language: tmdbLanguageSchema,
});
export type TmdbStatus = z.infer<typeof tmdbStatusSchema>;

/** A bulk lookup collected candidates for an asset, or failed for it. */
export const tmdbCandidatesChangedSchema = z.object({
  assetId: assetIdSchema,
  count: z.number().int().nonnegative(),
  noMatch: z.boolean(),
  error: errorValueSchema.nullable(),
});
export type TmdbCandidatesChanged = z.infer<typeof tmdbCandidatesChangedSchema>;
