DROP INDEX "attachments_case";--> statement-breakpoint
DROP INDEX "case_events_case";--> statement-breakpoint
DROP INDEX "cases_ref_unique";--> statement-breakpoint
DROP INDEX "cases_public_token_hash_unique";--> statement-breakpoint
DROP INDEX "cases_firm";--> statement-breakpoint
DROP INDEX "cases_owner_open";--> statement-breakpoint
DROP INDEX "cases_first_response_due";--> statement-breakpoint
DROP INDEX "cases_resolution_due";--> statement-breakpoint
DROP INDEX "firm_members_user";--> statement-breakpoint
DROP INDEX "firms_uscc_unique";--> statement-breakpoint
DROP INDEX "outbox_dedupe_key_unique";--> statement-breakpoint
DROP INDEX "outbox_due";--> statement-breakpoint
DROP INDEX "specialists_telegram_id_unique";--> statement-breakpoint
DROP INDEX "specialists_invite_code_hash_unique";--> statement-breakpoint
DROP INDEX "specialists_area_duty";--> statement-breakpoint
ALTER TABLE `sessions` ALTER COLUMN "state" TO "state" text;--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_ref_unique` ON `cases` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_public_token_hash_unique` ON `cases` (`public_token_hash`);--> statement-breakpoint
CREATE INDEX `cases_firm` ON `cases` (`firm_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_owner_open` ON `cases` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_first_response_due` ON `cases` (`first_response_due_at`) WHERE acknowledged_at IS NULL AND status IN ('received','assigned');--> statement-breakpoint
CREATE INDEX `cases_resolution_due` ON `cases` (`resolution_due_at`) WHERE status IN ('received','assigned','acknowledged','in_progress','meeting_scheduled');--> statement-breakpoint
CREATE INDEX `firm_members_user` ON `firm_members` (`telegram_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `firms_uscc_unique` ON `firms` (`uscc`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`next_attempt_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `specialists_telegram_id_unique` ON `specialists` (`telegram_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `specialists_invite_code_hash_unique` ON `specialists` (`invite_code_hash`);--> statement-breakpoint
CREATE INDEX `specialists_area_duty` ON `specialists` (`area_code`,`on_duty`);