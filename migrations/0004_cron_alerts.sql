ALTER TABLE `cases` ADD `next_alert_at` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `feedback` text;--> statement-breakpoint
CREATE INDEX `cases_next_alert` ON `cases` (`next_alert_at`) WHERE next_alert_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `sessions_expiry` ON `sessions` (`expires_at`) WHERE expires_at IS NOT NULL;