// Everything a webhook update may need about its sender, read in one batch (one round trip).
import { and, eq, sql, type SQL } from "drizzle-orm";
import { preparedReadBatch } from "../prepared-batch.ts";
import type { Db, DbHandle } from "../client.ts";
import type { RateAction, RateCounter } from "../../domain/rate-limits.ts";
import { caseCoHandlers, caseObligations, cases, firmMembers, firms, processedUpdates, rateCounters, sessions, slaPolicies, specialists, supervisionNotices, units, users, type KeptReply } from "../schema.ts";
import { answerReads, answerShape, assembleAnswers, type AnswerData, type AnswerHints } from "./answer-reads.ts";
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

/** Values of the preload's placeholders (`sql.placeholder(name)`), by name. */
const p = (name: string) => sql.placeholder(name);

/** The case named by the update, else the one the sender's conversation is about (withdraw, add a message). */
function pointedCase(hints: PreloadHints): SQL {
  if (hints.caseRef) return sql`${cases.ref} = ${p("caseRef")}`;
  if (hints.caseId) return sql`${cases.id} = ${p("caseId")}`;
  if (hints.noticeId) return sql`${cases.id} = (SELECT case_id FROM supervision_notices WHERE id = ${p("noticeId")})`;
  return sql`${cases.id} = (SELECT json_extract(state, '$.caseId') FROM sessions WHERE telegram_id = ${p("id")})`;
}

/** What changes which queries the preload makes (never a value): each shape is built once per isolate (db/prepared-batch.ts). */
const preloadShape = (hints: PreloadHints) =>
  [hints.caseRef ? "ref" : hints.caseId ? "id" : hints.noticeId ? "notice" : "session", hints.firmUscc ? 1 : 0, hints.noticeId ? 1 : 0, answerShape(hints)].join(":");

/** The preload's queries, their values all placeholders: `id` the sender, `updateId`, `submit` and `calendarOn` (1 or 0), the hints' own. */
function preloadQueries(db: Db, hints: PreloadHints) {
  const id = p("id");
  const pointed = sql`(SELECT ${cases.id} FROM ${cases} WHERE ${pointedCase(hints)})`;
  // A notice's button names it; a typed reply to a notice finds it in the conversation.
  const noticeId = hints.noticeId !== undefined ? sql`${p("noticeId")}` : sql`(SELECT json_extract(state, '$.noticeId') FROM sessions WHERE telegram_id = ${id})`;
  // A submitted record form names its firm, area and ticket in the session's draft.
  const drafted = (key: string) => sql`(SELECT json_extract(state, ${`$.form.draft.${key}`}) FROM sessions WHERE telegram_id = ${id})`;
  const isRecord = sql`${p("submit")} = 1 AND (SELECT json_extract(state, '$.form.form') FROM sessions WHERE telegram_id = ${id}) = 'record'`;
  const draftUscc = sql`(SELECT json_extract(state, '$.form.draft.uscc') FROM sessions WHERE telegram_id = ${id})`;
  return [
    db
      .select({ id: processedUpdates.updateId, replies: processedUpdates.replies, heldUntil: processedUpdates.repliesLeaseUntil })
      .from(processedUpdates)
      .where(eq(processedUpdates.updateId, p("updateId"))),
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
    db.select().from(firms).where(hints.firmUscc ? sql`${firms.uscc} = ${p("firmUscc")}` : sql`${firms.uscc} = ${draftUscc}`),
    db
      .select({ case: cases, ownerUnit: units })
      .from(cases)
      .leftJoin(specialists, eq(specialists.id, cases.ownerId))
      .leftJoin(units, eq(units.id, specialists.unitId))
      .where(pointedCase(hints)),
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
        sql`${p("submit")} = 1 AND ${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL
            AND ${specialists.id} = (SELECT json_extract(state, '$.form.draft.to') FROM sessions WHERE telegram_id = ${id})`,
      ),
    db.select().from(caseObligations).where(sql`${caseObligations.caseId} = ${pointed}`),
    db.select({ specialistId: caseCoHandlers.specialistId }).from(caseCoHandlers).where(sql`${caseCoHandlers.caseId} = ${pointed}`),
    db.select().from(supervisionNotices).where(sql`${supervisionNotices.id} = ${noticeId}`),
    ...calendarWindow(db, p("fromDate"), p("toDate"), p("calendarOn")),
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
        sql`${firmMembers.telegramId} = ${p("submitter")} AND ${firmMembers.status} IN ('active', 'unverified')
            AND ${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL`,
      ),
    noticeDocumentContext(db, noticeId),
    ...recordReads(db, { uscc: drafted("firm_uscc"), area: drafted("firm_area"), ticket: drafted("ticket_no") }, isRecord),
    db.select().from(rateCounters).where(eq(rateCounters.telegramId, id)),
    ...answerReads(db, id, hints, pointed),
  ] as const;
}

export async function preloadSender(
  handle: DbHandle,
  updateId: number,
  telegramId: number | undefined,
  hints: PreloadHints = {},
): Promise<Sender> {
  const id = telegramId ?? -1;
  const window = hints.calendar ?? { fromDate: "", toDate: "" };
  // The hints' own placeholders (caseRef, caseId, noticeId, firmUscc, inviteHash) are in the batch only when the hint is.
  const values = { ...hints, id, updateId, submit: hints.submit ? 1 : 0, submitter: hints.submit ? id : -1, calendarOn: hints.calendar ? 1 : 0, ...window };

  const [processed, user, session, memberships, specialist, firm, caseRows, pendingUnit, formTarget, obligations, coHandlers, notice, days, years, policies, candidates, noticeContext, recordFirm, recordCandidates, recordMembers, recordTicket, counters, ...answered] =
    await preparedReadBatch(handle, preloadShape(hints), (db) => preloadQueries(db, hints), values);
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
    answers: assembleAnswers(hints, answered),
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
