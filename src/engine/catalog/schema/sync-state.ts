import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { assets } from './assets';

/**
 * Where an asset's sync pipeline stands. Each step records its completion here before the
 * next starts, so a restart resumes at the first unfinished one.
 */
export const syncState = sqliteTable('sync_state', {
  assetId: integer('asset_id')
    .primaryKey()
    .references(() => assets.id, { onDelete: 'cascade' }),
  profileId: text('profile_id'),
  step: text('step').notNull().default('pending'),
  /** Recorded before POST /contents, the one call that is not idempotent. */
  contentIntentAt: text('content_intent_at'),
  contentIntentTitle: text('content_intent_title'),
  videoKey: text('video_key'),
  /** The content (sha256) the video object holds: a changed file is uploaded again. */
  videoSha256: text('video_sha256'),
  videoUploadId: text('video_upload_id'),
  thumbnailKey: text('thumbnail_key'),
  remoteAssetId: integer('remote_asset_id'),
  /** The platform's copy at our last sync, to detect a remote change before re-sending. */
  remoteSnapshotJson: text('remote_snapshot_json'),
  syncedRevision: integer('synced_revision'),
  /** A remote change found before re-sending metadata (SyncConflict as JSON), until settled. */
  conflictJson: text('conflict_json'),
  lastErrorJson: text('last_error_json'),
  updatedAt: text('updated_at').notNull(),
});
