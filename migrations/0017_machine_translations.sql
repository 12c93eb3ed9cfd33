CREATE TABLE `translations` (
	`hash` text PRIMARY KEY NOT NULL,
	`translated_text` text NOT NULL,
	`about_telegram_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `translations_about` ON `translations` (`about_telegram_id`) WHERE about_telegram_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `translations_created` ON `translations` (`created_at`);