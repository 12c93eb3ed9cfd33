-- Status changes for the International Service Portal, written to the outbox by the database itself,
-- in the same transaction as the change: every path (bot, cron, admin API) is covered and a rolled-back
-- change sends nothing. Only while the 'portal.webhook' setting is on (the cron tick keeps it in step
-- with PORTAL_WEBHOOK_URL). No personal data: the case's ref, kind and status only.
CREATE TRIGGER `cases_portal_received` AFTER INSERT ON `cases`
WHEN EXISTS (SELECT 1 FROM `settings` WHERE `key` = 'portal.webhook' AND json_extract(`value`, '$.enabled') = 1)
BEGIN
  INSERT INTO `outbox` (`dedupe_key`, `chat_id`, `chat_kind`, `method`, `payload`, `case_id`, `status`, `attempts`, `next_attempt_at`, `created_at`)
  VALUES ('portal:' || NEW.`id` || ':' || NEW.`version`, 0, 'private', 'portalWebhook',
          json_object('id', 'portal:' || NEW.`id` || ':' || NEW.`version`, 'type', 'case.received', 'occurred_at', NEW.`received_at`,
                      'case', json_object('ref', NEW.`ref`, 'kind', NEW.`kind`, 'status', NEW.`status`, 'previous_status', NULL)),
          NEW.`id`, 'pending', 0, NEW.`received_at`, NEW.`received_at`)
  ON CONFLICT (`dedupe_key`) DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_portal_status_changed` AFTER UPDATE OF `status` ON `cases`
WHEN NEW.`status` <> OLD.`status`
 AND EXISTS (SELECT 1 FROM `settings` WHERE `key` = 'portal.webhook' AND json_extract(`value`, '$.enabled') = 1)
BEGIN
  INSERT INTO `outbox` (`dedupe_key`, `chat_id`, `chat_kind`, `method`, `payload`, `case_id`, `status`, `attempts`, `next_attempt_at`, `created_at`)
  VALUES ('portal:' || NEW.`id` || ':' || NEW.`version`, 0, 'private', 'portalWebhook',
          json_object('id', 'portal:' || NEW.`id` || ':' || NEW.`version`, 'type', 'case.status_changed', 'occurred_at', NEW.`updated_at`,
                      'case', json_object('ref', NEW.`ref`, 'kind', NEW.`kind`, 'status', NEW.`status`, 'previous_status', OLD.`status`)),
          NEW.`id`, 'pending', 0, NEW.`updated_at`, NEW.`updated_at`)
  ON CONFLICT (`dedupe_key`) DO NOTHING;
END;
