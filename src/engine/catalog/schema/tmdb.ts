import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

/**
 * TMDB's answers as fetched, by request (path and language; never the token), with their
 * fetch time: repeated lookups are answered from here, and offline they are all there is.
 */
export const tmdbAnswers = sqliteTable('tmdb_answers', {
  requestKey: text('request_key').primaryKey(),
  bodyJson: text('body_json').notNull(),
  fetchedAt: text('fetched_at').notNull(),
});

/** The candidates a lookup (one or a bulk job's) collected for an asset, for review. */
export const tmdbCandidates = sqliteTable('tmdb_candidates', {
  assetId: integer('asset_id')
    .primaryKey()
    .references(() => assets.id, { onDelete: 'cascade' }),
  query: text('query').notNull(),
  year: integer('year'),
  candidatesJson: text('candidates_json').notNull(),
  fetchedAt: text('fetched_at').notNull(),
  fromCache: integer('from_cache', { mode: 'boolean' }).notNull().default(false),
});

/** The TMDB item an asset's accepted suggestions came from, for later refreshes. */
export const tmdbLinks = sqliteTable('tmdb_links', {
  assetId: integer('asset_id')
    .primaryKey()
    .references(() => assets.id, { onDelete: 'cascade' }),
  tmdbId: integer('tmdb_id').notNull(),
  kind: text('kind', { enum: ['movie', 'tv'] }).notNull(),
  linkedAt: text('linked_at').notNull(),
});
