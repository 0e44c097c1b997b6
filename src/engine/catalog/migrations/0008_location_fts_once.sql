-- A new asset's search row already holds its file name (assets_fts_after_insert), so its
-- first location, which nearly always has that same name, re-indexed the row for nothing:
-- the FTS work of an insert was done twice. The location trigger now runs only when the
-- location brings a name the row does not hold yet; every name a search can find is kept.
DROP TRIGGER `asset_locations_fts_after_insert`;
--> statement-breakpoint
CREATE TRIGGER `asset_locations_fts_after_insert` AFTER INSERT ON `asset_locations`
WHEN new.`file_name` IS NOT (SELECT `file_name` FROM `assets` WHERE `id` = new.`asset_id`)
BEGIN
	UPDATE `assets_fts` SET `file_names` = (
		SELECT a.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = a.`id`), '')
		FROM `assets` a WHERE a.`id` = new.`asset_id`)
	WHERE `rowid` = new.`asset_id`;
END;
