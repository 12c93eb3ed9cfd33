// Reads that an answer shows (a list, a timeline, a firm), made in the preload when the update asks
// for them, so every reply is known before the commit and can be kept with the update's mark.
// Only the reads an update hints at join the batch.
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client.ts";
import { caseEvents, cases, firms, specialists, units } from "../schema.ts";

export interface AnswerHints {
  /** /join <code>: the specialist record the code (its SHA-256) would claim. */
  inviteHash?: string;
  /** /mine: the sender's open cases as owner. */
  mine?: boolean;
  /** /cases: the cases the sender may see as a firm member. */
  firmCases?: boolean;
  /** /status: the pointed case's ledger. */
  caseEvents?: boolean;
  /** /case: the pointed case's firm, and whether its filer's claim on the firm is unverified. */
  caseFirm?: boolean;
  /** /privacy: how many cases the sender filed. */
  filedCount?: boolean;
}

type CaseRow = typeof cases.$inferSelect;

export interface AnswerData {
  invite: { specialist: typeof specialists.$inferSelect; unit: typeof units.$inferSelect } | undefined;
  mine: CaseRow[];
  firmCases: CaseRow[];
  caseEvents: (typeof caseEvents.$inferSelect)[];
  caseFirm: { firm: typeof firms.$inferSelect; filerUnverified: number } | undefined;
  filedCount: number;
}

export const MINE_LIMIT = 50;
export const FIRM_CASES_LIMIT = 20;
const OPEN = sql`('received','assigned','acknowledged','in_progress','meeting_scheduled')`;

/** The hinted reads, in order, and how to turn their results into AnswerData. */
export function answerReads(db: Db, telegramId: number, hints: AnswerHints, pointedCaseId: SQL) {
  const reads: [keyof AnswerData, BatchItem<"sqlite">][] = [];
  if (hints.inviteHash) {
    reads.push(["invite", db.select({ specialist: specialists, unit: units }).from(specialists).innerJoin(units, eq(units.id, specialists.unitId)).where(eq(specialists.inviteCodeHash, hints.inviteHash))]);
  }
  if (hints.mine) {
    // Overdue first, then by the due that comes first: both are "earliest due first".
    reads.push(["mine", db.select().from(cases)
      .where(sql`${cases.ownerId} = (SELECT id FROM specialists WHERE telegram_id = ${telegramId} AND active = 1) AND ${cases.status} IN ${OPEN}`)
      .orderBy(asc(cases.resolutionDueAt)).limit(MINE_LIMIT)]);
  }
  if (hints.firmCases) {
    reads.push(["firmCases", db.select().from(cases)
      // A claimant awaiting verification sees only what they filed.
      .where(sql`${cases.firmId} IN (SELECT firm_id FROM firm_members WHERE telegram_id = ${telegramId} AND status = 'active')
              OR (${cases.createdBy} = ${telegramId} AND ${cases.firmId} IN (SELECT firm_id FROM firm_members WHERE telegram_id = ${telegramId} AND status = 'unverified'))`)
      .orderBy(desc(cases.receivedAt)).limit(FIRM_CASES_LIMIT)]);
  }
  if (hints.caseEvents) reads.push(["caseEvents", db.select().from(caseEvents).where(sql`${caseEvents.caseId} = ${pointedCaseId}`).orderBy(caseEvents.id)]);
  if (hints.caseFirm) {
    const filerUnverified = sql<number>`EXISTS (SELECT 1 FROM cases c JOIN firm_members m ON m.firm_id = c.firm_id AND m.telegram_id = c.created_by
                                                 WHERE c.id = ${pointedCaseId} AND m.status IN ('unverified', 'rejected'))`;
    reads.push(["caseFirm", db.select({ firm: firms, filerUnverified }).from(firms).where(sql`${firms.id} = (SELECT firm_id FROM cases WHERE id = ${pointedCaseId})`)]);
  }
  if (hints.filedCount) reads.push(["filedCount", db.select({ n: sql<number>`count(*)` }).from(cases).where(eq(cases.createdBy, telegramId))]);
  const items = reads.map(([, item]) => item);
  const assemble = (results: unknown[]): AnswerData => {
    const got = new Map(reads.map(([key], i) => [key, results[i] as unknown[]]));
    const rows = <T>(key: keyof AnswerData) => (got.get(key) ?? []) as T[];
    return {
      invite: rows<AnswerData["invite"]>("invite")[0],
      mine: rows<CaseRow>("mine"),
      firmCases: rows<CaseRow>("firmCases"),
      caseEvents: rows<AnswerData["caseEvents"][number]>("caseEvents"),
      caseFirm: rows<AnswerData["caseFirm"]>("caseFirm")[0],
      filedCount: rows<{ n: number }>("filedCount")[0]?.n ?? 0,
    };
  };
  return { items, assemble };
}
