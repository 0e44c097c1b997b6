CREATE TABLE `upload_intents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_id` integer,
	`bucket` text NOT NULL,
	`object_key` text NOT NULL,
	`started_at` text NOT NULL,
	`upload_ids_before_json` text DEFAULT '[]' NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `upload_intents_asset_id` ON `upload_intents` (`asset_id`);--> statement-breakpoint
CREATE INDEX `upload_intents_bucket_key` ON `upload_intents` (`bucket`,`object_key`);