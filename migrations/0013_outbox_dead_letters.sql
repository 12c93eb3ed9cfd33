ALTER TABLE `outbox` ADD `dead_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_chat_pending` ON `outbox` (`chat_id`,`id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_dead` ON `outbox` (`dead_at`) WHERE status = 'dead';--> statement-breakpoint
-- Rows that had failed for good were marked "failed"; they are dead letters now, listed and re-drivable.
UPDATE `outbox` SET `status` = 'dead', `dead_at` = `created_at` WHERE `status` = 'failed';
