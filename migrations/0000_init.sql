CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text,
	`telegram_id` integer NOT NULL,
	`file_id` text NOT NULL,
	`file_unique_id` text NOT NULL,
	`file_name` text,
	`mime_type` text,
	`size` integer,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`year` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `calendar_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`loaded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`data` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_ref_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`firm_id` text NOT NULL,
	`created_by` integer,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`summary` text NOT NULL,
	`details` text NOT NULL,
	`owner_id` text,
	`pending_owner_id` text,
	`received_at` integer NOT NULL,
	`first_response_due_at` integer NOT NULL,
	`resolution_due_at` integer NOT NULL,
	`acknowledged_at` integer,
	`meeting_at` integer,
	`resolved_at` integer,
	`closed_at` integer,
	`calendar_warning` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`public_token_hash` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`firm_id`) REFERENCES `firms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `specialists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pending_owner_id`) REFERENCES `specialists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_ref_unique` ON `cases` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_public_token_hash_unique` ON `cases` (`public_token_hash`);--> statement-breakpoint
CREATE INDEX `cases_firm` ON `cases` (`firm_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_owner_open` ON `cases` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_first_response_due` ON `cases` (`first_response_due_at`) WHERE acknowledged_at IS NULL AND status IN ('received','assigned');--> statement-breakpoint
CREATE INDEX `cases_resolution_due` ON `cases` (`resolution_due_at`) WHERE status IN ('received','assigned','acknowledged','in_progress','meeting_scheduled');--> statement-breakpoint
CREATE TABLE `firm_members` (
	`firm_id` text NOT NULL,
	`telegram_id` integer NOT NULL,
	`status` text NOT NULL,
	`approved_by` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`firm_id`, `telegram_id`),
	FOREIGN KEY (`firm_id`) REFERENCES `firms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`telegram_id`) REFERENCES `users`(`telegram_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `firm_members_user` ON `firm_members` (`telegram_id`);--> statement-breakpoint
CREATE TABLE `firms` (
	`id` text PRIMARY KEY NOT NULL,
	`uscc` text NOT NULL,
	`name_zh` text,
	`name_en` text,
	`area_code` text NOT NULL,
	`industry` text NOT NULL,
	`foreign_invested` integer NOT NULL,
	`investor_country` text,
	`specialist_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`specialist_id`) REFERENCES `specialists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `firms_uscc_unique` ON `firms` (`uscc`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`chat_id` integer NOT NULL,
	`chat_kind` text DEFAULT 'private' NOT NULL,
	`method` text NOT NULL,
	`payload` text NOT NULL,
	`case_id` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`next_attempt_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `processed_updates` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`processed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`telegram_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`version` integer NOT NULL,
	`expires_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`kind` text PRIMARY KEY NOT NULL,
	`first_response_working_days` integer NOT NULL,
	`first_response_hours` integer,
	`resolution_working_days` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `specialists` (
	`id` text PRIMARY KEY NOT NULL,
	`telegram_id` integer,
	`name` text NOT NULL,
	`unit_id` text NOT NULL,
	`area_code` text,
	`role` text NOT NULL,
	`on_duty` integer DEFAULT false NOT NULL,
	`deputy_id` text,
	`notice_chat_id` integer,
	`invite_code_hash` text,
	`invite_expires_at` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `specialists_telegram_id_unique` ON `specialists` (`telegram_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `specialists_invite_code_hash_unique` ON `specialists` (`invite_code_hash`);--> statement-breakpoint
CREATE INDEX `specialists_area_duty` ON `specialists` (`area_code`,`on_duty`);--> statement-breakpoint
CREATE TABLE `tx_guard` (
	`ok` integer NOT NULL,
	CONSTRAINT "tx_guard_ok" CHECK("tx_guard"."ok" = 1)
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`kind` text NOT NULL,
	`area_code` text,
	`notice_chat_id` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`telegram_id` integer PRIMARY KEY NOT NULL,
	`locale` text,
	`chat_id` integer,
	`display_name` text,
	`phone` text,
	`privacy_accepted_at` integer,
	`unreachable_at` integer,
	`erased_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
