-- Cases escalated under the previous model have `escalated` ledger events (data: key, level, notice,
-- obligation 'first_response' | 'resolution', dueAt, text) but no supervision notice: each becomes a
-- signed notice, so the figures count it and the case page lists it, and the ladder goes on from it.
-- One per case and level (the previous model ran two ladders per case: the earliest event of a level
-- stands). Signed when the event was written, by no one (the system sent them); addressed to the unit
-- of the case's owner, or the department's for a queue case; 'resolution' was the kind's principal
-- obligation. The previous notices carried no 文号 and set no rectification deadline: both stay empty
-- (numbers are taken by sign-offs only, so this year's sequence keeps no gaps). Events without a level
-- 1–4 name no step and are left as ledger history only.
INSERT INTO `supervision_notices` (`id`, `case_id`, `level`, `notice`, `obligation`, `missed_due_at`, `unit_id`, `status`, `drafted_at`, `signed_at`, `text`)
SELECT 'legacy-' || e.`id`, e.`case_id`, e.`level`,
       CASE e.`level` WHEN 1 THEN 'reminder_letter' WHEN 2 THEN 'rectification_notice' WHEN 3 THEN 'key_supervision_notice' ELSE 'accountability_interview' END,
       CASE WHEN e.`obligation` = 'first_response' THEN 'first_response'
            ELSE CASE c.`kind` WHEN 'appointment' THEN 'meeting_held' WHEN 'urgent' THEN 'hearing_held' WHEN 'especially_urgent' THEN 'hearing_held' ELSE 'answer' END END,
       COALESCE(e.`due_at`, CASE WHEN e.`obligation` = 'first_response' THEN c.`first_response_due_at` ELSE c.`resolution_due_at` END),
       COALESCE((SELECT `unit_id` FROM `specialists` WHERE `id` = c.`owner_id`), (SELECT `id` FROM `units` WHERE `kind` = 'bizenv' ORDER BY `id` LIMIT 1)),
       'signed', e.`at`, e.`at`,
       replace(replace(e.`text`, '<b>', ''), '</b>', '')
FROM (
  SELECT `id`, `case_id`, `at`, CAST(json_extract(`data`, '$.level') AS INTEGER) AS `level`, json_extract(`data`, '$.obligation') AS `obligation`,
         json_extract(`data`, '$.dueAt') AS `due_at`, json_extract(`data`, '$.text') AS `text`,
         row_number() OVER (PARTITION BY `case_id`, CAST(json_extract(`data`, '$.level') AS INTEGER) ORDER BY `at`, `id`) AS `nth`
  FROM `case_events`
  WHERE `type` = 'escalated' AND json_valid(`data`)
) e
JOIN `cases` c ON c.`id` = e.`case_id`
WHERE e.`nth` = 1 AND e.`level` BETWEEN 1 AND 4
  AND NOT EXISTS (SELECT 1 FROM `supervision_notices` n WHERE n.`case_id` = e.`case_id` AND n.`level` = e.`level` AND n.`status` <> 'void');
