ALTER TABLE `profiles` ADD `signed_in_email` text;--> statement-breakpoint
ALTER TABLE `profiles` ADD `token_expires_at` text;