import { integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { assetStatuses } from '../../../shared/contract/asset-identity';
import { resolutionClasses } from '../../../shared/contract/media';
import { ageRatings } from '../../../shared/metadata/metadata-schema';

/**
 * One asset per distinct content (sha256), whatever number of paths it lives at. The media
 * summary columns (codec .. duration) mirror the latest analysis so the library can filter
 * and sort on them without a join. The integer id is also the full-text index's rowid;
 * AUTOINCREMENT keeps an id from being reused after the trash is emptied.
 */
export const assets = sqliteTable(
  'assets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    fileName: text('file_name').notNull(),
    extension: text('extension').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ageRating: text('age_rating', { enum: ageRatings }).notNull().default('ALL'),
    contentId: integer('content_id'),
    slug: text('slug').notNull(),
    tagsJson: text('tags_json').notNull().default('[]'),
    notes: text('notes').notNull().default(''),
    status: text('status', { enum: assetStatuses }).notNull().default('new'),
    needsAnalysis: integer('needs_analysis', { mode: 'boolean' }).notNull().default(true),
    codec: text('codec'),
    width: integer('width'),
    height: integer('height'),
    resolutionClass: text('resolution_class', { enum: resolutionClasses }),
    durationSeconds: real('duration_seconds'),
    syncedAt: text('synced_at'),
    addedAt: text('added_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
    revision: integer('revision').notNull().default(1),
  },
  // The library's sort indexes are partial indexes over live (not trashed) assets, written
  // by hand in 0002_fts.sql: a plain index on deleted_at would lure the planner away from them.
  (table) => [uniqueIndex('assets_sha256_unique').on(table.sha256)],
);
