CREATE TABLE `tmdb_answers` (
	`request_key` text PRIMARY KEY NOT NULL,
	`body_json` text NOT NULL,
	`fetched_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tmdb_candidates` (
	`asset_id` integer PRIMARY KEY NOT NULL,
	`query` text NOT NULL,
	`year` integer,
	`candidates_json` text NOT NULL,
	`fetched_at` text NOT NULL,
	`from_cache` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tmdb_links` (
	`asset_id` integer PRIMARY KEY NOT NULL,
	`tmdb_id` integer NOT NULL,
	`kind` text NOT NULL,
	`linked_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE cascade
);
