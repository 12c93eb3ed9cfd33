// The case as the case module's rules see it (CaseSnapshot of domain/case-rules.ts), made from its
// stored rows: one mapping for the bot's preload, the web's case page and the cron; and a supervision
// notice as decideNotice sees it.
import type { CaseSnapshot } from "../domain/case-rules.ts";
import type { ObligationRecord } from "../domain/obligations.ts";
import type { NoticeSnapshot } from "../domain/supervision.ts";
import type { cases } from "./schema.ts";

type StoredCase = Pick<typeof cases.$inferSelect, "id" | "ref" | "kind" | "status" | "version" | "firmId" | "ownerId" | "pendingOwnerId" | "receivedAt">;

/** Stored obligations (rows of case_obligations, or records already) as records, without their case id. */
export function obligationRecords(rows: readonly ObligationRecord[]): ObligationRecord[] {
  return rows.map((o) => ({
    obligation: o.obligation,
    cycle: o.cycle,
    clock: o.clock,
    dueAt: o.dueAt,
    originalDueAt: o.originalDueAt,
    state: o.state,
    metAt: o.metAt,
    metBy: o.metBy,
    moved: o.moved,
  }));
}

/** The case with its owner's unit (null: in the department's queue), its obligations and co-handlers. */
export function caseSnapshot(c: StoredCase, ownerUnitId: string | null, obligations: readonly ObligationRecord[], coHandlers: readonly string[]): CaseSnapshot {
  return {
    id: c.id,
    ref: c.ref,
    kind: c.kind,
    status: c.status,
    version: c.version,
    firmId: c.firmId,
    ownerId: c.ownerId,
    ownerUnitId,
    pendingOwnerId: c.pendingOwnerId,
    receivedAt: c.receivedAt,
    obligations: obligationRecords(obligations),
    coHandlers,
  };
}

/** A stored supervision notice (or one read with more columns) as decideNotice sees it. */
export function noticeSnapshot(n: NoticeSnapshot): NoticeSnapshot {
  return { id: n.id, level: n.level, status: n.status, obligation: n.obligation, draftedAt: n.draftedAt, caseId: n.caseId, unitId: n.unitId, repliedAt: n.repliedAt, missedDueAt: n.missedDueAt };
}
