ALTER TABLE `sync_state` ADD `video_sha256` text;--> statement-breakpoint
ALTER TABLE `sync_state` ADD `conflict_json` text;