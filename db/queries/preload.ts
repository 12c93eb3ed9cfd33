// Everything a webhook update may need about its sender, read in one batch (one round trip).
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DbHandle } from "../client.ts";
import type { RateAction, RateCounter } from "../../domain/rate-limits.ts";
import { caseCoHandlers, caseObligations, cases, firmMembers, firms, processedUpdates, rateCounters, sessions, slaPolicies, specialists, supervisionNotices, units, users, type KeptReply } from "../schema.ts";
import { answerReads, type AnswerData, type AnswerHints } from "./answer-reads.ts";
import { calendarWindow } from "./calendar.ts";
import { recordReads, type RecordCandidate } from "./recording.ts";
import { noticeDocumentContext, type NoticeDocumentContext } from "./supervision.ts";

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type SpecialistRow = typeof specialists.$inferSelect;
export type FirmRow = typeof firms.$inferSelect;
export type MembershipRow = typeof firmMembers.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

/** What the update itself points at (a firm or case in callback data, a ref in a command), read in the same batch. */
export interface PreloadHints extends AnswerHints {
  firmUscc?: string;
  caseId?: string;
  caseRef?: string;
  /** A supervision notice (sign-off, the unit's reply): read it and its case. */
  noticeId?: string;
  /** A submit: also read whom a new case would go to. */
  submit?: boolean;
  /** The calendar window and policies a decision on a case (or a new case's dues) needs. */
  calendar?: { fromDate: string; toDate: string };
}

export interface RoutingCandidate {
  firmId: string;
  specialistId: string;
  name: string;
  unitNameZh: string;
  unitNameEn: string;
  /** 0 the firm's own specialist, 1 on duty in the firm's area. */
  rank: number;
  createdAt: number;
}

export interface CalendarContext {
  days: { date: string; kind: "holiday" | "workday" }[];
  years: number[];
  policies: (typeof slaPolicies.$inferSelect)[];
}

export interface SubmitContext {
  candidates: RoutingCandidate[];
}

export type ObligationRow = typeof caseObligations.$inferSelect;
export type NoticeRow = typeof supervisionNotices.$inferSelect;

export interface Sender {
  alreadyProcessed: boolean;
  /** A processed update whose replies are still kept (not known to be sent), and until when their sender holds them. */
  keptReplies: { replies: KeptReply[]; heldUntil: number } | undefined;
  user: UserRow | undefined;
  session: SessionRow | undefined;
  memberships: { membership: MembershipRow; firm: FirmRow }[];
  specialist: SpecialistRow | undefined;
  specialistUnit: (typeof units.$inferSelect) | undefined;
  /** The firm the update names by its code, else the one the sender's firm form is about. */
  firm: FirmRow | undefined;
  /** The sender's rate counters (domain/rate-limits.ts), by action. */
  rateCounters: Partial<Record<RateAction, RateCounter>>;
  /** What the answer to this update shows, when it asked for it (AnswerHints). */
  answers: AnswerData;
  /** The case the update points at (by id or ref), whoever may see it: callers check access. */
  case: CaseRow | undefined;
  /** The unit of that case's owner, for the unit head's rights and the firm's status updates. */
  caseOwnerUnit: (typeof units.$inferSelect) | undefined;
  /** The unit of the specialist a transfer would move the case to. */
  pendingOwnerUnit: (typeof units.$inferSelect) | undefined;
  /** The specialist a submitted form names (co-handler, transfer), when active and reachable. */
  formTarget: SpecialistRow | undefined;
  /** That case's obligations and co-handlers. */
  obligations: ObligationRow[];
  coHandlers: string[];
  /** The supervision notice the update points at (a button), or the one the sender is replying to. */
  notice: NoticeRow | undefined;
  /** What that notice's document names besides the case: its unit, the principal, the issuer, the firm, the ladder. */
  noticeContext: NoticeDocumentContext | undefined;
  calendar: CalendarContext | undefined;
  submit: SubmitContext | undefined;
  /** A submitted record form (staff recording a case): its firm, whom it would go to, the firm's members, the ticket's case. */
  record: RecordContext | undefined;
}

export interface RecordContext {
  firm: FirmRow | undefined;
  candidates: RecordCandidate[];
  members: number;
  ticketTakenBy: string | undefined;
}

/** The case named by the update, else the one the sender's conversation is about (withdraw, add a message). */
function pointedCase(telegramId: number, hints: PreloadHints): SQL {
  if (hints.caseRef) return eq(cases.ref, hints.caseRef);
  if (hints.caseId) return eq(cases.id, hints.caseId);
  if (hints.noticeId) return sql`${cases.id} = (SELECT case_id FROM supervision_notices WHERE id = ${hints.noticeId})`;
  return sql`${cases.id} = (SELECT json_extract(state, '$.caseId') FROM sessions WHERE telegram_id = ${telegramId})`;
}

export async function preloadSender(
  handle: DbHandle,
  updateId: number,
  telegramId: number | undefined,
  hints: PreloadHints = {},
): Promise<Sender> {
  const { db } = handle;
  const id = telegramId ?? -1;
  const window = hints.calendar ?? { fromDate: "", toDate: "" };
  const pointed = sql`(SELECT ${cases.id} FROM ${cases} WHERE ${pointedCase(id, hints)})`;
  // A notice's button names it; a typed reply to a notice finds it in the conversation.
  const noticeId = hints.noticeId !== undefined ? sql`${hints.noticeId}` : sql`(SELECT json_extract(state, '$.noticeId') FROM sessions WHERE telegram_id = ${id})`;
  // A submitted record form names its firm, area and ticket in the session's draft.
  const drafted = (key: string) => sql`(SELECT json_extract(state, ${`$.form.draft.${key}`}) FROM sessions WHERE telegram_id = ${id})`;
  const isRecord = sql`${hints.submit ? 1 : 0} = 1 AND (SELECT json_extract(state, '$.form.form') FROM sessions WHERE telegram_id = ${id}) = 'record'`;
  const answers = answerReads(db, id, hints, pointed);
  const draftUscc = sql`(SELECT json_extract(state, '$.form.draft.uscc') FROM sessions WHERE telegram_id = ${id})`;
  const [processed, user, session, memberships, specialist, firm, caseRows, pendingUnit, formTarget, obligations, coHandlers, notice, days, years, policies, candidates, noticeContext, recordFirm, recordCandidates, recordMembers, recordTicket, counters, ...answered] = await handle.readBatch([
    db
      .select({ id: processedUpdates.updateId, replies: processedUpdates.replies, heldUntil: processedUpdates.repliesLeaseUntil })
      .from(processedUpdates)
      .where(eq(processedUpdates.updateId, updateId)),
    db.select().from(users).where(eq(users.telegramId, id)),
    db.select().from(sessions).where(eq(sessions.telegramId, id)),
    db
      .select({ membership: firmMembers, firm: firms })
      .from(firmMembers)
      .innerJoin(firms, eq(firms.id, firmMembers.firmId))
      .where(eq(firmMembers.telegramId, id)),
    db
      .select({ specialist: specialists, unit: units })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(and(eq(specialists.telegramId, id), eq(specialists.active, true))),
    db.select().from(firms).where(hints.firmUscc ? eq(firms.uscc, hints.firmUscc) : sql`${firms.uscc} = ${draftUscc}`),
    db
      .select({ case: cases, ownerUnit: units })
      .from(cases)
      .leftJoin(specialists, eq(specialists.id, cases.ownerId))
      .leftJoin(units, eq(units.id, specialists.unitId))
      .where(pointedCase(id, hints)),
    db
      .select({ unit: units })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(sql`${specialists.id} = (SELECT pending_owner_id FROM cases WHERE id = ${pointed})`),
    // A form naming another specialist (co-handler, transfer): the one it names, if active and reachable.
    db
      .select()
      .from(specialists)
      .where(
        sql`${hints.submit ? 1 : 0} = 1 AND ${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL
            AND ${specialists.id} = (SELECT json_extract(state, '$.form.draft.to') FROM sessions WHERE telegram_id = ${id})`,
      ),
    db.select().from(caseObligations).where(sql`${caseObligations.caseId} = ${pointed}`),
    db.select({ specialistId: caseCoHandlers.specialistId }).from(caseCoHandlers).where(sql`${caseCoHandlers.caseId} = ${pointed}`),
    db.select().from(supervisionNotices).where(sql`${supervisionNotices.id} = ${noticeId}`),
    ...calendarWindow(db, window.fromDate, window.toDate, hints.calendar !== undefined),
    db
      .select({
        firmId: firms.id,
        specialistId: specialists.id,
        name: specialists.name,
        unitNameZh: units.nameZh,
        unitNameEn: units.nameEn,
        rank: sql<number>`CASE WHEN ${firms.specialistId} = ${specialists.id} THEN 0 ELSE 1 END`,
        createdAt: specialists.createdAt,
      })
      .from(firmMembers)
      .innerJoin(firms, eq(firms.id, firmMembers.firmId))
      .innerJoin(
        specialists,
        sql`(${specialists.id} = ${firms.specialistId} OR (${specialists.areaCode} = ${firms.areaCode} AND ${specialists.onDuty} = 1
             AND ${specialists.role} IN ('specialist', 'unit_head')))`,
      )
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(
        sql`${firmMembers.telegramId} = ${hints.submit ? id : -1} AND ${firmMembers.status} IN ('active', 'unverified')
            AND ${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL`,
      ),
    noticeDocumentContext(db, noticeId),
    ...recordReads(db, { uscc: drafted("firm_uscc"), area: drafted("firm_area"), ticket: drafted("ticket_no") }, isRecord),
    db.select().from(rateCounters).where(eq(rateCounters.telegramId, id)),
    ...answers.items,
  ]);
  return {
    alreadyProcessed: processed.length > 0,
    keptReplies: processed[0]?.replies?.length ? { replies: processed[0].replies, heldUntil: processed[0].heldUntil ?? 0 } : undefined,
    user: user[0],
    session: session[0],
    memberships,
    specialist: specialist[0]?.specialist,
    specialistUnit: specialist[0]?.unit,
    firm: firm[0],
    rateCounters: Object.fromEntries(counters.map((c) => [c.action, { windowStart: c.windowStart, count: c.count }])),
    answers: answers.assemble(answered),
    case: caseRows[0]?.case,
    caseOwnerUnit: caseRows[0]?.ownerUnit ?? undefined,
    pendingOwnerUnit: pendingUnit[0]?.unit,
    formTarget: formTarget[0],
    obligations,
    coHandlers: coHandlers.map((c) => c.specialistId),
    notice: notice[0],
    noticeContext: noticeContext[0],
    calendar: hints.calendar ? { days, years: years.map((y) => y.year), policies } : undefined,
    submit: hints.submit ? { candidates: candidates as RoutingCandidate[] } : undefined,
    record: hints.submit
      ? { firm: recordFirm[0], candidates: recordCandidates, members: recordMembers[0]?.n ?? 0, ticketTakenBy: recordTicket[0]?.ref }
      : undefined,
  };
}
