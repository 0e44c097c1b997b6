CREATE TABLE `analysis_results` (
	`asset_id` integer PRIMARY KEY NOT NULL,
	`sha256` text NOT NULL,
	`media_info_json` text,
	`thumbnail_path` text,
	`filmstrip_path` text,
	`checks_json` text,
	`error_code` text,
	`error_message` text,
	`analysed_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `asset_locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_id` integer NOT NULL,
	`path_key` text NOT NULL,
	`path` text NOT NULL,
	`path_bytes` blob,
	`folder` text NOT NULL,
	`file_name` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`mtime_ms` real NOT NULL,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `asset_locations_path_key_unique` ON `asset_locations` (`path_key`);--> statement-breakpoint
CREATE INDEX `asset_locations_asset_id` ON `asset_locations` (`asset_id`);--> statement-breakpoint
CREATE INDEX `asset_locations_path` ON `asset_locations` (`path`);--> statement-breakpoint
CREATE TABLE `assets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`file_name` text NOT NULL,
	`extension` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`age_rating` text DEFAULT 'ALL' NOT NULL,
	`content_id` integer,
	`slug` text NOT NULL,
	`tags_json` text DEFAULT '[]' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`needs_analysis` integer DEFAULT true NOT NULL,
	`codec` text,
	`width` integer,
	`height` integer,
	`resolution_class` text,
	`duration_seconds` real,
	`synced_at` text,
	`added_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`deleted_at` text,
	`revision` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assets_sha256_unique` ON `assets` (`sha256`);--> statement-breakpoint
CREATE TABLE `edit_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_id` integer NOT NULL,
	`batch_id` text NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`changes_json` text NOT NULL,
	`undone_by` integer,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `edit_history_asset_id` ON `edit_history` (`asset_id`,`id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`spec_json` text NOT NULL,
	`asset_id` integer,
	`state` text DEFAULT 'queued' NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`progress` real DEFAULT 0 NOT NULL,
	`error_json` text,
	`run_after` text,
	`created_at` text NOT NULL,
	`started_at` text,
	`updated_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `jobs_state_priority` ON `jobs` (`state`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_asset_id` ON `jobs` (`asset_id`);--> statement-breakpoint
CREATE TABLE `profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT false NOT NULL,
	`config_json` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `profiles_name_unique` ON `profiles` (`name`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`asset_id` integer PRIMARY KEY NOT NULL,
	`profile_id` text,
	`step` text DEFAULT 'pending' NOT NULL,
	`content_intent_at` text,
	`content_intent_title` text,
	`video_key` text,
	`video_upload_id` text,
	`thumbnail_key` text,
	`remote_asset_id` integer,
	`remote_snapshot_json` text,
	`synced_revision` integer,
	`last_error_json` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `upload_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_id` integer NOT NULL,
	`object_key` text NOT NULL,
	`upload_id` text NOT NULL,
	`part_number` integer NOT NULL,
	`size_bytes` integer NOT NULL,
	`etag` text NOT NULL,
	`checksum` text NOT NULL,
	`completed_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `upload_parts_upload_part_unique` ON `upload_parts` (`upload_id`,`part_number`);--> statement-breakpoint
CREATE INDEX `upload_parts_asset_id` ON `upload_parts` (`asset_id`);--> statement-breakpoint
CREATE TABLE `watch_folders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`added_at` text NOT NULL,
	`last_scan_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watch_folders_path_unique` ON `watch_folders` (`path`);