// Everything a webhook update may need about its sender, read in one batch (one round trip).
import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
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
  /**
   * What the sender's conversation (session) points at, for an update that may continue it: the case
   * of its flow (with its obligations, co-handlers and pending owner's unit), the firm its form's draft
   * names by code, the notice it replies to. Each is read only when asked for and the update names
   * none itself; otherwise the Sender has none.
   */
  fromSession?: { case?: boolean; firm?: boolean; notice?: boolean };
  /**
   * A form's submit, by what it submits: whom a new case would go to (`case`), the specialist the form
   * names (`specialist`), what recording a case needs (`record`); a firm's registration (`firm`) reads none of these.
   */
  submit?: SubmitKind;
  /** The calendar window and policies a decision on a case (or a new case's dues) needs. */
  calendar?: { fromDate: string; toDate: string };
}

export type SubmitKind = "case" | "specialist" | "record" | "firm";

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

/**
 * Where the preload finds what the update may use, or that it needs none of it: the batch then
 * leaves those statements out, and the Sender gets what they would have found (nothing).
 */
interface PreloadPlan {
  /** The case (with its obligations, co-handlers and pending owner's unit): named by the update, or its session's. */
  case: "ref" | "id" | "notice" | "session" | "none";
  firm: "uscc" | "draft" | "none";
  notice: "id" | "session" | "none";
  submit: SubmitKind | "none";
  calendar: boolean;
}

function planOf(hints: PreloadHints): PreloadPlan {
  const session = hints.fromSession ?? {};
  return {
    case: hints.caseRef ? "ref" : hints.caseId ? "id" : hints.noticeId ? "notice" : session.case ? "session" : "none",
    firm: hints.firmUscc ? "uscc" : session.firm ? "draft" : "none",
    notice: hints.noticeId ? "id" : session.notice ? "session" : "none",
    submit: hints.submit ?? "none",
    calendar: hints.calendar !== undefined,
  };
}

/** What changes which queries the preload makes (never a value): each shape is built once per isolate (db/prepared-batch.ts). */
const preloadShape = (plan: PreloadPlan, hints: AnswerHints) =>
  [plan.case, plan.firm, plan.notice, plan.submit, plan.calendar ? 1 : 0, answerShape(hints)].join(":");

/** The case named by the update, else the one the sender's conversation is about (withdraw, add a message, a specialist's form). */
function pointedCase(where: Exclude<PreloadPlan["case"], "none">): SQL {
  switch (where) {
    case "ref":
      return sql`${cases.ref} = ${p("caseRef")}`;
    case "id":
      return sql`${cases.id} = ${p("caseId")}`;
    case "notice":
      return sql`${cases.id} = (SELECT case_id FROM supervision_notices WHERE id = ${p("noticeId")})`;
    case "session":
      return sql`${cases.id} = (SELECT json_extract(state, '$.caseId') FROM sessions WHERE telegram_id = ${p("id")})`;
  }
}

/** The specialist a transfer would move the pointed case to, and their unit: joined to the case's own read. */
const pendingOwner = alias(specialists, "pending_owner");
const pendingUnit = alias(units, "pending_unit");

/** The preload's queries in groups, only those the plan needs; their values all placeholders: `id` the sender, `updateId`, the hints' own. */
function preloadQueries(db: Db, plan: PreloadPlan, hints: AnswerHints) {
  const id = p("id");
  const pointed = plan.case === "none" ? sql`NULL` : sql`(SELECT ${cases.id} FROM ${cases} WHERE ${pointedCase(plan.case)})`;
  // A notice's button names it; a typed reply to a notice finds it in the conversation.
  const noticeId = plan.notice === "id" ? sql`${p("noticeId")}` : sql`(SELECT json_extract(state, '$.noticeId') FROM sessions WHERE telegram_id = ${id})`;
  // A submitted record form names its firm, area and ticket in the session's draft.
  const drafted = (key: string) => sql`(SELECT json_extract(state, ${`$.form.draft.${key}`}) FROM sessions WHERE telegram_id = ${id})`;
  const isRecord = sql`(SELECT json_extract(state, '$.form.form') FROM sessions WHERE telegram_id = ${id}) = 'record'`;
  const draftUscc = sql`(SELECT json_extract(state, '$.form.draft.uscc') FROM sessions WHERE telegram_id = ${id})`;
  return {
    sender: [
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
      db.select().from(rateCounters).where(eq(rateCounters.telegramId, id)),
    ] as const,
    firm: plan.firm === "none" ? undefined : ([db.select().from(firms).where(plan.firm === "uscc" ? sql`${firms.uscc} = ${p("firmUscc")}` : sql`${firms.uscc} = ${draftUscc}`)] as const),
    case:
      plan.case === "none"
        ? undefined
        : ([
            db
              .select({ case: cases, ownerUnit: units, pendingOwnerUnit: pendingUnit })
              .from(cases)
              .leftJoin(specialists, eq(specialists.id, cases.ownerId))
              .leftJoin(units, eq(units.id, specialists.unitId))
              .leftJoin(pendingOwner, eq(pendingOwner.id, cases.pendingOwnerId))
              .leftJoin(pendingUnit, eq(pendingUnit.id, pendingOwner.unitId))
              .where(pointedCase(plan.case)),
            db.select().from(caseObligations).where(sql`${caseObligations.caseId} = ${pointed}`),
            db.select({ specialistId: caseCoHandlers.specialistId }).from(caseCoHandlers).where(sql`${caseCoHandlers.caseId} = ${pointed}`),
          ] as const),
    notice: plan.notice === "none" ? undefined : ([db.select().from(supervisionNotices).where(sql`${supervisionNotices.id} = ${noticeId}`), noticeDocumentContext(db, noticeId)] as const),
    calendar: plan.calendar ? calendarWindow(db, p("fromDate"), p("toDate")) : undefined,
    // A form naming another specialist (co-handler, transfer): the one it names, if active and reachable.
    formTarget:
      plan.submit === "specialist"
        ? ([
            db
              .select()
              .from(specialists)
              .where(
                sql`${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL
                    AND ${specialists.id} = (SELECT json_extract(state, '$.form.draft.to') FROM sessions WHERE telegram_id = ${id})`,
              ),
          ] as const)
        : undefined,
    candidates:
      plan.submit === "case"
        ? ([
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
                sql`${firmMembers.telegramId} = ${id} AND ${firmMembers.status} IN ('active', 'unverified')
                    AND ${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL`,
              ),
          ] as const)
        : undefined,
    record: plan.submit === "record" ? recordReads(db, { uscc: drafted("firm_uscc"), area: drafted("firm_area"), ticket: drafted("ticket_no") }, isRecord) : undefined,
    answers: answerReads(db, id, hints, pointed),
  };
}

export async function preloadSender(
  handle: DbHandle,
  updateId: number,
  telegramId: number | undefined,
  hints: PreloadHints = {},
): Promise<Sender> {
  const plan = planOf(hints);
  // The hints' own placeholders (caseRef, caseId, noticeId, firmUscc, inviteHash) are in the batch only when the hint is.
  const values = { ...hints, id: telegramId ?? -1, updateId, ...hints.calendar };
  const read = await preparedReadBatch(handle, preloadShape(plan, hints), (db) => preloadQueries(db, plan, hints), values);
  const [processed, user, session, memberships, specialist, counters] = read.sender;
  const [caseRows, obligations, coHandlers] = read.case ?? [[], [], []];
  const [notice, noticeContext] = read.notice ?? [[], []];
  const [recordFirm, recordCandidates, recordMembers, recordTicket] = read.record ?? [[], [], [], []];
  return {
    alreadyProcessed: processed.length > 0,
    keptReplies: processed[0]?.replies?.length ? { replies: processed[0].replies, heldUntil: processed[0].heldUntil ?? 0 } : undefined,
    user: user[0],
    session: session[0],
    memberships,
    specialist: specialist[0]?.specialist,
    specialistUnit: specialist[0]?.unit,
    firm: read.firm?.[0][0],
    rateCounters: Object.fromEntries(counters.map((c) => [c.action, { windowStart: c.windowStart, count: c.count }])),
    answers: assembleAnswers(hints, read.answers),
    case: caseRows[0]?.case,
    caseOwnerUnit: caseRows[0]?.ownerUnit ?? undefined,
    pendingOwnerUnit: caseRows[0]?.pendingOwnerUnit ?? undefined,
    formTarget: read.formTarget?.[0][0],
    obligations,
    coHandlers: coHandlers.map((c) => c.specialistId),
    notice: notice[0],
    noticeContext: noticeContext[0],
    calendar: read.calendar ? { days: read.calendar[0], years: read.calendar[1].map((y) => y.year), policies: read.calendar[2] } : undefined,
    submit: hints.submit ? { candidates: (read.candidates?.[0] ?? []) as RoutingCandidate[] } : undefined,
    record: hints.submit
      ? { firm: recordFirm[0], candidates: recordCandidates, members: recordMembers[0]?.n ?? 0, ticketTakenBy: recordTicket[0]?.ref }
      : undefined,
  };
}
