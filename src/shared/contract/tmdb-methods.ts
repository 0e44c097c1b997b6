import { z } from 'zod';
import { assetIdSchema } from './asset-identity';
import { defineMethod } from './define';
import {
  tmdbApplyResultSchema,
  tmdbCandidateListSchema,
  tmdbExpectedSchema,
  tmdbFieldSchema,
  tmdbIdSchema,
  tmdbKindSchema,
  tmdbLanguageSchema,
  tmdbStatusSchema,
  tmdbSuggestionsSchema,
} from './tmdb';

/**
 * The methods of TMDB lookups, apart from its types (`./tmdb`) so that the renderer, which reads
 * those types and parses events with them, never builds these schemas: only the hosts and
 * the engine, through `./methods`, do.
 */
const lookupInput = z
  .object({
    assetId: assetIdSchema,
    /** Defaults to the asset's title (from the file name or as edited). */
    query: z.string().trim().min(1).max(500).optional(),
    year: z.number().int().min(1870).max(2200).optional(),
    /** A pasted TMDB id: answers that one item (kind defaults to movie). */
    tmdbId: tmdbIdSchema.optional(),
    /** Search only movies or only TV; both when left out. */
    kind: tmdbKindSchema.optional(),
  })
  .strict();

export const tmdbMethods = {
  'tmdb.status': defineMethod({
    summary: 'Whether a TMDB token is set (and where from), and the suggestion language.',
    input: z.object({}).strict(),
    output: tmdbStatusSchema,
  }),
  'tmdb.setToken': defineMethod({
    summary: 'Store the TMDB read access token (v4) or API key (v3) in the keychain.',
    input: z
      .object({
        value: z
          .string()
          .trim()
          .min(1, 'Enter a value')
          .max(4 * 1024),
      })
      .strict(),
    output: tmdbStatusSchema,
  }),
  'tmdb.clearToken': defineMethod({
    summary: 'Remove the TMDB token from the keychain.',
    input: z.object({}).strict(),
    output: tmdbStatusSchema.extend({ removed: z.boolean() }),
  }),
  'tmdb.lookup': defineMethod({
    summary:
      'Search TMDB (movies and TV) for an asset by title and year, or fetch a pasted id. ' +
      'Answers are cached: offline, the answers fetched before come back (offline).',
    input: lookupInput,
    output: tmdbCandidateListSchema,
  }),
  'tmdb.candidates': defineMethod({
    summary: 'The candidates collected for an asset (by a lookup or a bulk job); null if none.',
    input: z.object({ assetId: assetIdSchema }).strict(),
    output: tmdbCandidateListSchema.nullable(),
  }),
  'tmdb.suggestions': defineMethod({
    summary:
      'Title, overview and age rating of a TMDB item beside the asset’s current values; ' +
      'the language defaults to the setting, with the other language as fallback.',
    input: z
      .object({
        assetId: assetIdSchema,
        tmdbId: tmdbIdSchema,
        kind: tmdbKindSchema,
        language: tmdbLanguageSchema.optional(),
      })
      .strict(),
    output: tmdbSuggestionsSchema,
  }),
  'tmdb.apply': defineMethod({
    summary:
      'Accept some suggested fields as one ordinary edit (history, undo, same validation); a ' +
      'field whose value differs from `expected` is refused. Links the asset to the item.',
    input: z
      .object({
        assetId: assetIdSchema,
        tmdbId: tmdbIdSchema,
        kind: tmdbKindSchema,
        fields: z.array(tmdbFieldSchema).min(1).max(3),
        expected: tmdbExpectedSchema,
        language: tmdbLanguageSchema.optional(),
      })
      .strict(),
    output: tmdbApplyResultSchema,
  }),
  'tmdb.suggestForSelection': defineMethod({
    summary:
      'Queue a background lookup per asset (durable, pausable jobs of kind tmdb-lookup). ' +
      'Candidates are collected for review; nothing is applied.',
    input: z.object({ assetIds: z.array(assetIdSchema).min(1).max(10_000) }).strict(),
    output: z.object({ queued: z.number().int(), jobIds: z.array(z.number().int()) }),
  }),
};
