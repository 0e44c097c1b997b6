-- Full-text search over title, description, tags and file names (every location's name),
-- kept in step with the tables by triggers, so no code path can forget to update it.
-- The FTS rowid is the asset id. Plus the library's sort indexes: partial indexes over the
-- live (not trashed) assets, on the same expressions the search repository orders by, and
-- carrying the filter columns, so a page is one ordered index scan that reads the table
-- only for rows that pass the filters (the repository keeps the planner on these scans).
CREATE VIRTUAL TABLE `assets_fts` USING fts5(
	`title`, `description`, `tags`, `file_names`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
INSERT INTO `assets_fts` (`rowid`, `title`, `description`, `tags`, `file_names`)
SELECT a.`id`, a.`title`, a.`description`,
	(SELECT coalesce(group_concat(j.`value`, ' '), '') FROM json_each(a.`tags_json`) j),
	a.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = a.`id`), '')
FROM `assets` a;
--> statement-breakpoint
CREATE TRIGGER `assets_fts_after_insert` AFTER INSERT ON `assets` BEGIN
	INSERT INTO `assets_fts` (`rowid`, `title`, `description`, `tags`, `file_names`)
	VALUES (new.`id`, new.`title`, new.`description`,
		(SELECT coalesce(group_concat(j.`value`, ' '), '') FROM json_each(new.`tags_json`) j),
		new.`file_name`);
END;
--> statement-breakpoint
CREATE TRIGGER `assets_fts_after_update` AFTER UPDATE OF `title`, `description`, `tags_json`, `file_name` ON `assets` BEGIN
	UPDATE `assets_fts` SET
		`title` = new.`title`,
		`description` = new.`description`,
		`tags` = (SELECT coalesce(group_concat(j.`value`, ' '), '') FROM json_each(new.`tags_json`) j),
		`file_names` = new.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = new.`id`), '')
	WHERE `rowid` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `assets_fts_after_delete` AFTER DELETE ON `assets` BEGIN
	DELETE FROM `assets_fts` WHERE `rowid` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `asset_locations_fts_after_insert` AFTER INSERT ON `asset_locations` BEGIN
	UPDATE `assets_fts` SET `file_names` = (
		SELECT a.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = a.`id`), '')
		FROM `assets` a WHERE a.`id` = new.`asset_id`)
	WHERE `rowid` = new.`asset_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `asset_locations_fts_after_delete` AFTER DELETE ON `asset_locations` BEGIN
	UPDATE `assets_fts` SET `file_names` = (
		SELECT a.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = a.`id`), '')
		FROM `assets` a WHERE a.`id` = old.`asset_id`)
	WHERE `rowid` = old.`asset_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `asset_locations_fts_after_update` AFTER UPDATE OF `asset_id`, `file_name` ON `asset_locations` BEGIN
	UPDATE `assets_fts` SET `file_names` = (
		SELECT a.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = a.`id`), '')
		FROM `assets` a WHERE a.`id` = old.`asset_id`)
	WHERE `rowid` = old.`asset_id`;
	UPDATE `assets_fts` SET `file_names` = (
		SELECT a.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = a.`id`), '')
		FROM `assets` a WHERE a.`id` = new.`asset_id`)
	WHERE `rowid` = new.`asset_id`;
END;
--> statement-breakpoint
CREATE INDEX `assets_live_added_at` ON `assets` (`added_at`, `id`, `status`, `codec`, `resolution_class`, `duration_seconds`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_updated_at` ON `assets` (`updated_at`, `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_title` ON `assets` (`title` COLLATE NOCASE, `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_file_name` ON `assets` (`file_name` COLLATE NOCASE, `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_status` ON `assets` (`status`, `id`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_size` ON `assets` (`size_bytes`, `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_duration` ON `assets` (coalesce(`duration_seconds`, -1), `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_content_id` ON `assets` (coalesce(`content_id`, 0), `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_codec` ON `assets` (coalesce(`codec`, ''), `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_live_resolution` ON `assets` ((CASE `resolution_class` WHEN 'SD' THEN 1 WHEN '480p' THEN 2 WHEN '720p' THEN 3 WHEN '1080p' THEN 4 WHEN '1440p' THEN 5 WHEN '4K' THEN 6 ELSE 0 END), `id`, `status`, `codec`, `resolution_class`, `duration_seconds`, `added_at`) WHERE `deleted_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `assets_trash` ON `assets` (`deleted_at`, `id`) WHERE `deleted_at` IS NOT NULL;
