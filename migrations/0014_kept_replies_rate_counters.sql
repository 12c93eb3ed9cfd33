CREATE TABLE `rate_counters` (
	`telegram_id` integer NOT NULL,
	`action` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`telegram_id`, `action`)
);
--> statement-breakpoint
ALTER TABLE `processed_updates` ADD `replies` text;--> statement-breakpoint
ALTER TABLE `processed_updates` ADD `replies_lease_until` integer;--> statement-breakpoint
ALTER TABLE `processed_updates` ADD `replies_chat_id` integer;--> statement-breakpoint
CREATE INDEX `processed_updates_replies_chat` ON `processed_updates` (`replies_chat_id`) WHERE replies IS NOT NULL;