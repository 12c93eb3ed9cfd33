// /deleteme: everything db/personal-data.ts lists as the person's goes, in the update's one batch:
// their rows are deleted; the cases and ledger events they leave behind stay for the firm and for
// supervision, unlinked from them and with their own words replaced by the erased marker. Changing
// `cases` and `case_events` here is erasure only: no status, version or due changes.
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../client.ts";
import { CASE_DETAIL_TEXT_KEYS, INVESTOR_EVENT_TEXT_KEYS } from "../personal-data.ts";
import { attachments, caseEvents, cases, firmMembers, outbox, processedUpdates, rateCounters, sessions, translations, users } from "../schema.ts";

/** The JSON object in `column` with the values under `keys` replaced by `marker` (keys it lacks stay absent). */
function redacted(column: SQLiteColumn, keys: readonly string[], marker: string): SQL {
  const pairs = sql.join(keys.map((key) => sql`${`$.${key}`}, ${marker}`), sql`, `);
  return sql`json_replace(${column}, ${pairs})`;
}

/** `marker` replaces the person's words: a fixed text from the catalogs, the same in every row. */
export function erasePerson(db: Db, person: { telegramId: number; chatId: number | null }, marker: string) {
  const { telegramId } = person;
  const chats = [...new Set([telegramId, person.chatId ?? telegramId])];
  return [
    // Messages to them, and about them (their words, name or id), whatever their status.
    // Telegram chats only: a group robot's rows carry the robot's id, which is no person's.
    ...chats.map((chatId) => db.delete(outbox).where(and(eq(outbox.channel, "telegram"), eq(outbox.chatId, chatId)))),
    db.delete(outbox).where(eq(outbox.aboutTelegramId, telegramId)),
    db.delete(translations).where(eq(translations.aboutTelegramId, telegramId)),
    db
      .update(cases)
      .set({ createdBy: null, summary: marker, details: redacted(cases.details, CASE_DETAIL_TEXT_KEYS, marker) })
      .where(eq(cases.createdBy, telegramId)),
    // The literal 'investor' lets the partial index case_events_investor serve this.
    db
      .update(caseEvents)
      .set({ actorId: null, data: redacted(caseEvents.data, INVESTOR_EVENT_TEXT_KEYS, marker) })
      .where(sql`${caseEvents.actorType} = 'investor' AND ${caseEvents.actorId} = ${String(telegramId)}`),
    // A case staff recorded from a call names its contact by phone: the person's own number is theirs to clear.
    db
      .update(cases)
      .set({ contactName: null, contactPhone: null })
      .where(sql`${cases.contactPhone} = (SELECT phone FROM users WHERE telegram_id = ${telegramId} AND phone IS NOT NULL)`),
    db.delete(attachments).where(and(eq(attachments.telegramId, telegramId), isNull(attachments.caseId))),
    db.update(attachments).set({ telegramId: 0, fileName: marker }).where(eq(attachments.telegramId, telegramId)),
    db.update(firmMembers).set({ approvedBy: null }).where(eq(firmMembers.approvedBy, telegramId)),
    db.delete(firmMembers).where(eq(firmMembers.telegramId, telegramId)),
    db.delete(sessions).where(eq(sessions.telegramId, telegramId)),
    db.delete(rateCounters).where(eq(rateCounters.telegramId, telegramId)),
    // Replies still kept for their chat (an answer lost, or not yet let go). This update's own are
    // kept by the statements after the writes, so they survive.
    db
      .update(processedUpdates)
      .set({ replies: null, repliesLeaseUntil: null, repliesChatId: null })
      .where(and(inArray(processedUpdates.repliesChatId, chats), isNotNull(processedUpdates.replies))),
    db.delete(users).where(eq(users.telegramId, telegramId)),
  ] as const;
}
