// Cases: created with their ref, due instants and first ledger event in one batch.
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { attachments, caseEvents, cases, type CaseKind } from "../schema.ts";
import { addsToOutbox } from "./outbox.ts";

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

export interface NewCase {
  id: string;
  firmId: string;
  createdBy: number;
  kind: CaseKind;
  summary: string;
  details: Record<string, string>;
  receivedAt: number;
  /** Year of receipt in Beijing time: the ref counts per year. */
  year: number;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  calendarWarning: string | null;
  /** By first-inquiry responsibility; null leaves the case in the business-environment department's queue. */
  ownerId: string | null;
  publicTokenHash: string;
}

export function createCase(db: Db, c: NewCase) {
  const status = c.ownerId ? "assigned" : "received";
  const dues = { firstResponseDueAt: c.firstResponseDueAt, resolutionDueAt: c.resolutionDueAt, calendarWarning: c.calendarWarning };
  const events = [
    { caseId: c.id, at: c.receivedAt, actorType: "investor" as const, actorId: String(c.createdBy), type: "received", toStatus: "received", data: dues },
    ...(c.ownerId
      ? [{ caseId: c.id, at: c.receivedAt, actorType: "system" as const, actorId: null, type: "assigned", fromStatus: "received", toStatus: "assigned", data: { ownerId: c.ownerId, rule: "first_inquiry" } }]
      : []),
  ];
  return [
    db.run(sql`INSERT INTO case_ref_counters (year, last) VALUES (${c.year}, 1)
               ON CONFLICT (year) DO UPDATE SET last = last + 1`),
    addsToOutbox(db.insert(cases).values({
      id: c.id,
      ref: sql`(SELECT 'HN-' || year || '-' || printf('%06d', last) FROM case_ref_counters WHERE year = ${c.year})`,
      firmId: c.firmId,
      createdBy: c.createdBy,
      kind: c.kind,
      status,
      ownerId: c.ownerId,
      publicTokenHash: c.publicTokenHash,
      summary: c.summary,
      details: c.details,
      receivedAt: c.receivedAt,
      firstResponseDueAt: c.firstResponseDueAt,
      resolutionDueAt: c.resolutionDueAt,
      calendarWarning: c.calendarWarning,
      // The next tick plans this case's reminders.
      nextAlertAt: c.receivedAt,
      updatedAt: c.receivedAt,
    })),
    db.insert(caseEvents).values(events),
    // Files sent during the intake wait without a case; they join the case it produced.
    db
      .update(attachments)
      .set({ caseId: c.id })
      .where(and(eq(attachments.telegramId, c.createdBy), sql`${attachments.caseId} IS NULL`)),
  ] as const;
}

export function caseById(db: Db, id: string) {
  return db.select().from(cases).where(eq(cases.id, id));
}

export function caseEventsOf(db: Db, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.id);
}

export function casesOfFirm(db: Db, firmId: string, limit = 20) {
  return db.select().from(cases).where(eq(cases.firmId, firmId)).orderBy(desc(cases.receivedAt)).limit(limit);
}
