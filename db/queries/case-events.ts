// Investor-side changes to a case: each is a ledger event, written with the change it records.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { attachments, caseEvents, cases, type CaseStatus } from "../schema.ts";
import { addsToOutbox } from "./outbox.ts";

/** Every kind of ledger event; each has its label (event-<type>) in the catalogs. */
export const EVENT_TYPES = [
  "received", "assigned", "acknowledged", "withdrawn", "investor_message", "attachment", "specialist_reply", "info_requested",
  "meeting_scheduled", "meeting_rescheduled", "meeting_delegated", "transfer_requested", "transferred", "resolved",
  "reopened", "closed", "feedback", "escalated", "reminder", "dues_changed",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface Actor {
  type: "investor" | "specialist" | "system";
  id: string | null;
}

export function appendEvent(
  db: Db,
  caseId: string,
  at: number,
  actor: Actor,
  type: EventType,
  data: Record<string, unknown> | null = null,
  change?: { from: CaseStatus; to: CaseStatus },
) {
  return db.insert(caseEvents).values({
    caseId,
    at,
    actorType: actor.type,
    actorId: actor.id,
    type,
    fromStatus: change?.from ?? null,
    toStatus: change?.to ?? null,
    data,
  });
}

/** Moves a case from one of `from` to `to`, only if it is still in `from` and at `version` when the batch runs. */
export function moveCase(db: Db, caseId: string, version: number, to: CaseStatus, now: number, extra: Partial<typeof cases.$inferInsert> = {}) {
  return addsToOutbox(
    db
      .update(cases)
      .set({ status: to, version: sql`${cases.version} + 1`, updatedAt: now, ...extra })
      .where(and(eq(cases.id, caseId), eq(cases.version, version))),
  );
}

export function addAttachment(db: Db, a: typeof attachments.$inferInsert) {
  return db.insert(attachments).values(a);
}

export function attachmentCount(db: Db, caseIds: string[]) {
  return db.select({ n: sql<number>`count(*)` }).from(attachments).where(inArray(attachments.caseId, caseIds));
}
