// Reads that an answer shows (a list, a timeline, a firm), made in the preload when the update asks
// for them, so every reply is known before the commit and can be kept with the update's mark.
// Only the reads an update hints at join the batch.
import { asc, desc, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
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

/** The answers the hints ask for, in the order of their reads. */
function hinted(hints: AnswerHints): (keyof AnswerData)[] {
  const asked: [keyof AnswerData, unknown][] = [["invite", hints.inviteHash], ["mine", hints.mine], ["firmCases", hints.firmCases], ["caseEvents", hints.caseEvents], ["caseFirm", hints.caseFirm], ["filedCount", hints.filedCount]];
  return asked.filter(([, hint]) => hint).map(([key]) => key);
}

/** The hints that change which reads join the batch (not their values). */
export const answerShape = (hints: AnswerHints) => hinted(hints).join(",");

/** The hinted reads, in order (the invite's hash is the placeholder `inviteHash`). */
export function answerReads(db: Db, telegramId: number | Placeholder, hints: AnswerHints, pointedCaseId: SQL): BatchItem<"sqlite">[] {
  const reads: Record<keyof AnswerData, () => BatchItem<"sqlite">> = {
    invite: () => db.select({ specialist: specialists, unit: units }).from(specialists).innerJoin(units, eq(units.id, specialists.unitId)).where(eq(specialists.inviteCodeHash, sql.placeholder("inviteHash"))),
    // Overdue first, then by the due that comes first: both are "earliest due first".
    mine: () => db.select().from(cases)
      .where(sql`${cases.ownerId} = (SELECT id FROM specialists WHERE telegram_id = ${telegramId} AND active = 1) AND ${cases.status} IN ${OPEN}`)
      .orderBy(asc(cases.resolutionDueAt)).limit(MINE_LIMIT),
    firmCases: () => db.select().from(cases)
      // A claimant awaiting verification sees only what they filed.
      .where(sql`${cases.firmId} IN (SELECT firm_id FROM firm_members WHERE telegram_id = ${telegramId} AND status = 'active')
              OR (${cases.createdBy} = ${telegramId} AND ${cases.firmId} IN (SELECT firm_id FROM firm_members WHERE telegram_id = ${telegramId} AND status = 'unverified'))`)
      .orderBy(desc(cases.receivedAt)).limit(FIRM_CASES_LIMIT),
    caseEvents: () => db.select().from(caseEvents).where(sql`${caseEvents.caseId} = ${pointedCaseId}`).orderBy(caseEvents.id),
    caseFirm: () => {
      const filerUnverified = sql<number>`EXISTS (SELECT 1 FROM cases c JOIN firm_members m ON m.firm_id = c.firm_id AND m.telegram_id = c.created_by
                                                   WHERE c.id = ${pointedCaseId} AND m.status IN ('unverified', 'rejected'))`;
      return db.select({ firm: firms, filerUnverified }).from(firms).where(sql`${firms.id} = (SELECT firm_id FROM cases WHERE id = ${pointedCaseId})`);
    },
    filedCount: () => db.select({ n: sql<number>`count(*)` }).from(cases).where(eq(cases.createdBy, telegramId)),
  };
  return hinted(hints).map((key) => reads[key]());
}

/** The answers from the results of answerReads(…, hints, …), in its order. */
export function assembleAnswers(hints: AnswerHints, results: unknown[]): AnswerData {
  const got = new Map(hinted(hints).map((key, i) => [key, results[i] as unknown[]]));
  const rows = <T>(key: keyof AnswerData) => (got.get(key) ?? []) as T[];
  return {
    invite: rows<AnswerData["invite"]>("invite")[0],
    mine: rows<CaseRow>("mine"),
    firmCases: rows<CaseRow>("firmCases"),
    caseEvents: rows<AnswerData["caseEvents"][number]>("caseEvents"),
    caseFirm: rows<AnswerData["caseFirm"]>("caseFirm")[0],
    filedCount: rows<{ n: number }>("filedCount")[0]?.n ?? 0,
  };
}
