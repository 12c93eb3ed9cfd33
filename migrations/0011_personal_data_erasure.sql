ALTER TABLE `outbox` ADD `about_telegram_id` integer;--> statement-breakpoint
CREATE INDEX `outbox_chat` ON `outbox` (`chat_id`);--> statement-breakpoint
CREATE INDEX `outbox_about` ON `outbox` (`about_telegram_id`) WHERE about_telegram_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `attachments_sender` ON `attachments` (`telegram_id`);--> statement-breakpoint
CREATE INDEX `case_events_investor` ON `case_events` (`actor_id`) WHERE actor_type = 'investor';--> statement-breakpoint
CREATE INDEX `cases_created_by` ON `cases` (`created_by`) WHERE created_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX `firm_members_approver` ON `firm_members` (`approved_by`) WHERE approved_by IS NOT NULL;