import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

/**
 * The latest analysis of an asset's content (probe, thumbnail, filmstrip). `sha256` says
 * which content it describes: when the file changes, the result is stale.
 */
export const analysisResults = sqliteTable('analysis_results', {
  assetId: integer('asset_id')
    .primaryKey()
    .references(() => assets.id, { onDelete: 'cascade' }),
  sha256: text('sha256').notNull(),
  mediaInfoJson: text('media_info_json'),
  thumbnailPath: text('thumbnail_path'),
  filmstripPath: text('filmstrip_path'),
  checksJson: text('checks_json'),
  errorCode: text('error_code'),
  errorMessage: text('error_message'),
  analysedAt: text('analysed_at').notNull(),
});
