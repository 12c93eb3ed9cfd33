CREATE TABLE `notice_robots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` text,
	`specialist_id` text,
	`kind` text NOT NULL,
	`credential` text NOT NULL,
	`hint` text NOT NULL,
	`mention_mobiles` text,
	`last_error` text,
	`last_error_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`specialist_id`) REFERENCES `specialists`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notice_robots_one_owner" CHECK(("notice_robots"."unit_id" IS NULL) <> ("notice_robots"."specialist_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_robots_unit_id_unique` ON `notice_robots` (`unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `notice_robots_specialist_id_unique` ON `notice_robots` (`specialist_id`);--> statement-breakpoint
DROP INDEX `outbox_chat_pending`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `channel` text DEFAULT 'telegram' NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_chat_pending` ON `outbox` (`channel`,`chat_id`,`id`) WHERE status = 'pending';--> statement-breakpoint
-- Portal events travel on their own channel, not as a made-up Bot API method on chat 0: chat 0 is the
-- portal's one endpoint within the 'portal' channel. Rows already queued move with them.
UPDATE `outbox` SET `channel` = 'portal', `method` = 'event' WHERE `method` = 'portalWebhook';--> statement-breakpoint
DROP TRIGGER IF EXISTS `cases_portal_received`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `cases_portal_status_changed`;--> statement-breakpoint
CREATE TRIGGER `cases_portal_received` AFTER INSERT ON `cases`
WHEN EXISTS (SELECT 1 FROM `settings` WHERE `key` = 'portal.webhook' AND json_extract(`value`, '$.enabled') = 1)
BEGIN
  INSERT INTO `outbox` (`dedupe_key`, `chat_id`, `channel`, `chat_kind`, `method`, `payload`, `case_id`, `status`, `attempts`, `next_attempt_at`, `created_at`)
  VALUES ('portal:' || NEW.`id` || ':' || NEW.`version`, 0, 'portal', 'private', 'event',
          json_object('id', 'portal:' || NEW.`id` || ':' || NEW.`version`, 'type', 'case.received', 'occurred_at', NEW.`received_at`,
                      'case', json_object('ref', NEW.`ref`, 'kind', NEW.`kind`, 'status', NEW.`status`, 'previous_status', NULL)),
          NEW.`id`, 'pending', 0, NEW.`received_at`, NEW.`received_at`)
  ON CONFLICT (`dedupe_key`) DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `cases_portal_status_changed` AFTER UPDATE OF `status` ON `cases`
WHEN NEW.`status` <> OLD.`status`
 AND EXISTS (SELECT 1 FROM `settings` WHERE `key` = 'portal.webhook' AND json_extract(`value`, '$.enabled') = 1)
BEGIN
  INSERT INTO `outbox` (`dedupe_key`, `chat_id`, `channel`, `chat_kind`, `method`, `payload`, `case_id`, `status`, `attempts`, `next_attempt_at`, `created_at`)
  VALUES ('portal:' || NEW.`id` || ':' || NEW.`version`, 0, 'portal', 'private', 'event',
          json_object('id', 'portal:' || NEW.`id` || ':' || NEW.`version`, 'type', 'case.status_changed', 'occurred_at', NEW.`updated_at`,
                      'case', json_object('ref', NEW.`ref`, 'kind', NEW.`kind`, 'status', NEW.`status`, 'previous_status', OLD.`status`)),
          NEW.`id`, 'pending', 0, NEW.`updated_at`, NEW.`updated_at`)
  ON CONFLICT (`dedupe_key`) DO NOTHING;
END;
