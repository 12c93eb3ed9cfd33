CREATE INDEX `outbox_sent` ON `outbox` (`sent_at`) WHERE status = 'sent';--> statement-breakpoint
CREATE INDEX `processed_updates_at` ON `processed_updates` (`processed_at`);