CREATE TABLE `multipart_uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`asset_id` integer,
	`bucket` text NOT NULL,
	`object_key` text NOT NULL,
	`upload_id` text NOT NULL,
	`part_size` integer NOT NULL,
	`file_size` integer NOT NULL,
	`file_mtime_ms` integer NOT NULL,
	`file_sha256` text NOT NULL,
	`checksum_algorithm` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`asset_id`) REFERENCES `assets`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `multipart_uploads_upload_id_unique` ON `multipart_uploads` (`upload_id`);--> statement-breakpoint
CREATE INDEX `multipart_uploads_asset_id` ON `multipart_uploads` (`asset_id`);--> statement-breakpoint
CREATE INDEX `multipart_uploads_bucket_key` ON `multipart_uploads` (`bucket`,`object_key`);