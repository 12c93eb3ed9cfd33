CREATE TABLE `case_co_handlers` (
	`case_id` text NOT NULL,
	`specialist_id` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`case_id`, `specialist_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`specialist_id`) REFERENCES `specialists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_co_handlers_specialist` ON `case_co_handlers` (`specialist_id`);--> statement-breakpoint
CREATE TABLE `case_obligations` (
	`case_id` text NOT NULL,
	`obligation` text NOT NULL,
	`cycle` integer NOT NULL,
	`clock` text NOT NULL,
	`due_at` integer NOT NULL,
	`original_due_at` integer NOT NULL,
	`state` text NOT NULL,
	`met_at` integer,
	`met_by` text,
	`moved` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`case_id`, `obligation`, `cycle`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_obligations_open_due` ON `case_obligations` (`due_at`) WHERE state = 'open';--> statement-breakpoint
CREATE TABLE `notice_number_counters` (
	`year` integer PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `supervision_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`level` integer NOT NULL,
	`notice` text NOT NULL,
	`obligation` text NOT NULL,
	`missed_due_at` integer NOT NULL,
	`unit_id` text,
	`status` text NOT NULL,
	`drafted_at` integer NOT NULL,
	`number` text,
	`signed_at` integer,
	`signed_by` text,
	`deadline_at` integer,
	`text` text,
	`reply_text` text,
	`replied_at` integer,
	`replied_by` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervision_notices_number_unique` ON `supervision_notices` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `supervision_notices_case_level` ON `supervision_notices` (`case_id`,`level`) WHERE status <> 'void';--> statement-breakpoint
CREATE INDEX `supervision_notices_drafts` ON `supervision_notices` (`drafted_at`) WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX `supervision_notices_unit` ON `supervision_notices` (`unit_id`,`signed_at`);
--> statement-breakpoint
-- An urgent appeal assessed as not urgent is handled as an ordinary matter: its answer is due like a policy question's.
INSERT OR IGNORE INTO `sla_policies` (`kind`, `first_response_working_days`, `first_response_hours`, `resolution_working_days`, `updated_at`)
SELECT 'ordinary', 1, NULL, `resolution_working_days`, `updated_at` FROM `sla_policies` WHERE `kind` = 'policy';
--> statement-breakpoint
-- Existing cases get their obligations from their dues and ledger. First response: the first real
-- step by the responsible side. The previous code set acknowledged_at on acknowledging or replying but
-- not on a request for information, a meeting or a resolution straight from "assigned": the ledger's
-- earliest such step counts, and a resolution at the latest. Urgent appeals had no assessment step:
-- the first response stood for it.
WITH `first_step` AS (
  SELECT c.`id`, c.`kind`, c.`status`, c.`first_response_due_at` AS `due`,
         COALESCE(e.`at`, c.`acknowledged_at`, c.`resolved_at`) AS `at`,
         COALESCE(e.`actor_id`, c.`owner_id`) AS `by`
  FROM `cases` c
  LEFT JOIN `case_events` e ON e.`id` = (
    SELECT `id` FROM `case_events`
    WHERE `case_id` = c.`id` AND `actor_type` = 'specialist'
      AND `type` IN ('acknowledged', 'specialist_reply', 'info_requested', 'meeting_scheduled', 'meeting_delegated', 'resolved')
    ORDER BY `at`, `id` LIMIT 1)
)
INSERT INTO `case_obligations` (`case_id`, `obligation`, `cycle`, `clock`, `due_at`, `original_due_at`, `state`, `met_at`, `met_by`, `moved`)
SELECT `id`, `obligation`.`name`, 1, CASE `kind` WHEN 'especially_urgent' THEN 'hours' ELSE 'working_days' END, `due`, `due`,
       CASE WHEN `at` IS NOT NULL THEN 'met' WHEN `status` = 'withdrawn' THEN 'cancelled' ELSE 'open' END,
       `at`, CASE WHEN `at` IS NOT NULL THEN `by` END, 0
FROM `first_step` JOIN (SELECT 'first_response' AS `name` UNION ALL SELECT 'assessment') AS `obligation`
  ON `obligation`.`name` = 'first_response' OR `kind` IN ('urgent', 'especially_urgent');
--> statement-breakpoint
-- The kind's principal obligation had the resolution's due; the resolution met it, and so did an
-- appointment's meeting whose date has passed (unless the case was withdrawn before it), on that date.
INSERT INTO `case_obligations` (`case_id`, `obligation`, `cycle`, `clock`, `due_at`, `original_due_at`, `state`, `met_at`, `met_by`, `moved`)
SELECT `id`, CASE `kind` WHEN 'appointment' THEN 'meeting_held' WHEN 'policy' THEN 'answer' ELSE 'hearing_held' END,
       1, 'working_days', `resolution_due_at`, `resolution_due_at`,
       CASE WHEN `held` OR `settled` THEN 'met' WHEN `status` = 'withdrawn' THEN 'cancelled' ELSE 'open' END,
       CASE WHEN `held` THEN `meeting_at` WHEN `settled` THEN COALESCE(`resolved_at`, `closed_at`, `updated_at`) END,
       CASE WHEN `held` OR `settled` THEN `owner_id` END, 0
FROM (
  SELECT *, `resolved_at` IS NOT NULL OR `status` IN ('resolved', 'closed') AS `settled`,
         `kind` = 'appointment' AND `meeting_at` IS NOT NULL
           AND `meeting_at` <= MIN(COALESCE(`resolved_at`, `closed_at`, CAST(strftime('%s', 'now') AS INTEGER) * 1000),
                                   CASE WHEN `status` = 'withdrawn' THEN `updated_at` ELSE CAST(strftime('%s', 'now') AS INTEGER) * 1000 END) AS `held`
  FROM `cases`
);
--> statement-breakpoint
-- The new clocks decide the next look: every open or resolved case is planned again by the next tick.
UPDATE `cases` SET `next_alert_at` = `updated_at` WHERE `status` NOT IN ('closed', 'withdrawn');
