-- One-letter prefixes get their own entries in the search index, as two- and three-letter ones
-- already had (0002's prefix '2 3'). Without them a one-letter search ("k") merged the lists of
-- every word starting with that letter, hundreds of them, on each page: 15 ms and more at
-- 100,000 assets.
-- FTS5 cannot change its prefix option in place, so the table is built anew from the assets,
-- as 0002 first built it; the triggers name the table, so they carry on unchanged.
DROP TABLE `assets_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `assets_fts` USING fts5(
	`title`, `description`, `tags`, `file_names`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);
--> statement-breakpoint
INSERT INTO `assets_fts` (`rowid`, `title`, `description`, `tags`, `file_names`)
SELECT a.`id`, a.`title`, a.`description`,
	(SELECT coalesce(group_concat(j.`value`, ' '), '') FROM json_each(a.`tags_json`) j),
	a.`file_name` || coalesce(' ' || (SELECT group_concat(l.`file_name`, ' ') FROM `asset_locations` l WHERE l.`asset_id` = a.`id`), '')
FROM `assets` a;
