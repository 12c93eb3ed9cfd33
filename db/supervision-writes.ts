// Supervision notices (三书一函) in the database: drafted by the cron, numbered and issued at
// sign-off, answered by the unit. The ledger events go through db/case-writes.ts like every other.
import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { NoticeSnapshot, SupervisionStep } from "../domain/supervision.ts";
import type { Db } from "./client.ts";
import { eventWrite, raiseEscalation, type Actor, type RenderedNotice } from "./case-writes.ts";
import { enqueueForRecipients } from "./queries/outbox.ts";

type Item = BatchItem<"sqlite">;

/** Stands for the 文号 in a document built before the batch that numbers it. */
export const NUMBER_PLACEHOLDER = "\u27E6no\u27E7";

/** A draft for the step that fell due; the unique (case, level) index keeps it to one however often the cron runs. */
export function draftWrite(db: Db, caseId: string, unitId: string | null, step: Extract<SupervisionStep, { type: "draft" }>, id: string, now: number): Item {
  return db.run(sql`
    INSERT INTO supervision_notices (id, case_id, level, notice, obligation, missed_due_at, unit_id, status, drafted_at)
    VALUES (${id}, ${caseId}, ${step.level}, ${step.notice}, ${step.obligation.obligation}, ${step.obligation.dueAt}, ${unitId}, 'draft', ${now})
    ON CONFLICT (case_id, level) WHERE status <> 'void' DO NOTHING`);
}

/** A draft whose obligation is no longer overdue is never issued. */
export function voidWrites(db: Db, caseId: string, noticeId: string, now: number): Item[] {
  const wasDraft = sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${noticeId} AND status = 'draft')`;
  return [
    eventWrite(db, caseId, now, { type: "system", id: null }, { type: "notice_voided", data: { noticeId } }, wasDraft),
    db.run(sql`UPDATE supervision_notices SET status = 'void' WHERE id = ${noticeId} AND status = 'draft'`),
  ];
}

/**
 * Sign-off: the next number of the year (no gaps: only signed notices take one), the deadline, the
 * document frozen with its number, the ledger event, the case's supervision level, and the document
 * to the unit. Every statement is conditioned on the notice still being a draft.
 */
export function signWrites(
  db: Db,
  options: { notice: NoticeSnapshot; signer: Actor; year: number; deadlineAt: number; document: string; prefix: string; recipients: RenderedNotice[]; now: number },
): Item[] {
  const { notice, signer, year, deadlineAt, document, prefix, recipients, now } = options;
  const draft = sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${notice.id} AND status = 'draft')`;
  // A JS number reaches libSQL over HTTP as a float: cast, or the 文号 reads 〔2026.0〕.
  const number = sql`(${prefix} || '〔' || CAST(${year} AS INTEGER) || '〕' || (SELECT last FROM notice_number_counters WHERE year = ${year}) || '号')`;
  return [
    db.run(sql`INSERT INTO notice_number_counters (year, last) SELECT ${year}, 1 WHERE ${draft}
               ON CONFLICT (year) DO UPDATE SET last = last + 1`),
    eventWrite(db, notice.caseId, now, signer, { type: "notice_signed", data: { noticeId: notice.id, level: notice.level, notice: notice.obligation, deadlineAt } }, draft),
    ...recipients.map((r) =>
      enqueueForRecipients(db, {
        keyPrefix: r.key,
        recipients: r.recipients,
        payloads: r.payloads,
        caseId: notice.caseId,
        now,
        when: draft,
        fill: { placeholder: NUMBER_PLACEHOLDER, value: number },
      }),
    ),
    raiseEscalation(db, notice.caseId, notice.level, now),
    db.run(sql`
      UPDATE supervision_notices
         SET status = 'signed', number = ${number}, signed_at = ${now}, signed_by = ${signer.id}, deadline_at = ${deadlineAt},
             text = replace(${document}, ${NUMBER_PLACEHOLDER}, ${number})
       WHERE id = ${notice.id} AND status = 'draft'`),
  ];
}

/** The unit's written reply, recorded once against the notice, and the department told. */
export function replyWrites(db: Db, options: { notice: NoticeSnapshot; by: Actor; text: string; told: RenderedNotice[]; now: number }): Item[] {
  const { notice, by, text, told, now } = options;
  const open = sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${notice.id} AND status = 'signed' AND replied_at IS NULL)`;
  return [
    eventWrite(db, notice.caseId, now, by, { type: "notice_replied", data: { noticeId: notice.id, level: notice.level, text } }, open),
    ...told.map((r) => enqueueForRecipients(db, { keyPrefix: r.key, recipients: r.recipients, payloads: r.payloads, caseId: notice.caseId, now, when: open })),
    db.run(sql`UPDATE supervision_notices SET reply_text = ${text}, replied_at = ${now}, replied_by = ${by.id} WHERE id = ${notice.id} AND status = 'signed' AND replied_at IS NULL`),
  ];
}
