// /deleteme: the person's personal data goes; the cases they filed stay, no longer linked to them.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { attachments, caseEvents, cases, firmMembers, outbox, sessions, users } from "../schema.ts";

export function erasePerson(db: Db, telegramId: number) {
  return [
    db.update(cases).set({ createdBy: null }).where(eq(cases.createdBy, telegramId)),
    db
      .update(caseEvents)
      .set({ actorId: null })
      .where(and(eq(caseEvents.actorType, "investor"), eq(caseEvents.actorId, String(telegramId)))),
    db.update(attachments).set({ telegramId: 0 }).where(eq(attachments.telegramId, telegramId)),
    db.delete(outbox).where(and(eq(outbox.chatId, telegramId), eq(outbox.status, "pending"))),
    db.delete(firmMembers).where(eq(firmMembers.telegramId, telegramId)),
    db.delete(sessions).where(eq(sessions.telegramId, telegramId)),
    db.delete(users).where(eq(users.telegramId, telegramId)),
  ] as const;
}

export function casesFiledBy(db: Db, telegramId: number) {
  return db.select({ n: sql<number>`count(*)` }).from(cases).where(eq(cases.createdBy, telegramId));
}
