// 三书一函 as a workflow: the supervising office (the business-environment department) acts on the
// responsible unit. One ladder per case, driven by its most overdue obligation; each step is drafted
// when it falls due, signed off by a department officer, then issued to the unit, whose written reply
// is recorded against it. Pure: the cron and the web pass the calendar, the policy and "now".
import { beijingDate, beijingYear, instantOfBeijing, workingDayAfter, workingDaysBetween, type WorkCalendar } from "./calendar.ts";
import { mostOverdue, openObligations, type Clock, type ObligationRecord } from "./obligations.ts";
import { SUPERVISION_LEVELS, type NoticeStatus, type Obligation, type SpecialistRole, type SupervisionNoticeType } from "./vocabulary.ts";

/** Reminders, digests and the ladder's steps go out at the start of the working day, Beijing time. */
export const MORNING = "09:00:00";

export interface LadderPolicy {
  /** Delay of each level after the missed due: working days (at 09:00)… */
  workingDays: readonly [number, number, number, number];
  /** …or hours, when the missed obligation runs on hours (especially urgent). */
  hours: readonly [number, number, number, number];
  /** The deadline a notice sets for the unit's rectification and reply. */
  rectificationWorkingDays: number;
  /** 文号 prefix: 琼营商督〔2026〕12号. */
  numberPrefix: string;
}

export const DEFAULT_LADDER: LadderPolicy = {
  workingDays: [1, 2, 4, 6],
  hours: [1, 2, 4, 6],
  rectificationWorkingDays: 3,
  numberPrefix: "琼营商督",
};

export interface NoticeRecord {
  id: string;
  level: number;
  status: NoticeStatus;
  obligation: Obligation;
  draftedAt: number;
}

export type SupervisionStep =
  | { type: "draft"; level: number; notice: SupervisionNoticeType; obligation: ObligationRecord; at: number }
  /** The draft's obligation is no longer overdue (met, or the case closed): it is never issued. */
  | { type: "void"; noticeId: string }
  /** A draft still unsigned a working day later: the department is reminded, once. */
  | { type: "sign_reminder"; noticeId: string; at: number; clock: Clock };

export interface SupervisionPlan {
  steps: SupervisionStep[];
  nextAt: number | null;
}

export function noticeTypeOf(level: number): SupervisionNoticeType {
  return SUPERVISION_LEVELS[Math.min(Math.max(level, 1), 4) - 1]!.notice;
}

/** When level `level` of the ladder falls due for a missed obligation. */
export function stepTime(cal: WorkCalendar, ladder: LadderPolicy, missed: Pick<ObligationRecord, "clock" | "dueAt">, level: number): number {
  if (missed.clock === "hours") return missed.dueAt + ladder.hours[level - 1]! * 3_600_000;
  return instantOfBeijing(workingDayAfter(cal, beijingDate(missed.dueAt), ladder.workingDays[level - 1]!), MORNING);
}

/** A draft for an obligation on hours waits this long for sign-off before the department is reminded. */
export const SIGN_REMINDER_HOURS = 1;

/**
 * When an unsigned draft reminds the department: 09:00 of the next working day, or, for an obligation
 * on hours (especially urgent), an hour after drafting, nights and holidays included: an urgent
 * appeal's ladder steps hours apart and must not wait for the morning.
 */
export function signReminderAt(cal: WorkCalendar, clock: Clock, draftedAt: number): number {
  if (clock === "hours") return draftedAt + SIGN_REMINDER_HOURS * 3_600_000;
  return instantOfBeijing(workingDayAfter(cal, beijingDate(draftedAt), 1), MORNING);
}

/**
 * What the ladder does now. A step is drafted only once the one before it was signed (so the unit
 * receives them in order) and never once its obligation is met; an open case with nothing overdue
 * drafts nothing and voids a waiting draft.
 */
export function planSupervision(
  cal: WorkCalendar,
  ladder: LadderPolicy,
  obligations: readonly ObligationRecord[],
  notices: readonly NoticeRecord[],
  caseOpen: boolean,
  now: number,
): SupervisionPlan {
  const drafts = notices.filter((n) => n.status === "draft");
  const driving = caseOpen ? mostOverdue(obligations, now) : undefined;
  if (!driving) {
    const steps = drafts.map((n) => ({ type: "void" as const, noticeId: n.id }));
    const nextDue = caseOpen ? obligations.filter((o) => o.state === "open").map((o) => o.dueAt) : [];
    return { steps, nextAt: nextDue.length ? Math.min(...nextDue) : null };
  }
  const steps: SupervisionStep[] = [];
  const times: number[] = [];
  for (const draft of drafts) {
    const missed = openObligations(obligations).find((o) => o.obligation === draft.obligation && o.dueAt < now);
    if (!missed) {
      steps.push({ type: "void", noticeId: draft.id });
      continue;
    }
    const at = signReminderAt(cal, missed.clock, draft.draftedAt);
    if (at <= now) steps.push({ type: "sign_reminder", noticeId: draft.id, at, clock: missed.clock });
    else times.push(at);
  }
  const waiting = drafts.some((d) => !steps.some((s) => s.type === "void" && s.noticeId === d.id));
  const signed = Math.max(0, ...notices.filter((n) => n.status === "signed").map((n) => n.level));
  const level = signed + 1;
  if (!waiting && level <= SUPERVISION_LEVELS.length) {
    const at = stepTime(cal, ladder, driving, level);
    if (at <= now) {
      steps.push({ type: "draft", level, notice: noticeTypeOf(level), obligation: driving, at });
      // The draft made now is reminded of a working day later, if still unsigned.
      times.push(signReminderAt(cal, driving.clock, now));
    } else times.push(at);
  }
  return { steps, nextAt: times.length ? Math.min(...times) : null };
}

/** Working days (or hours, rounded up) an obligation is overdue at `at`: a fact of the notice. */
export function overdueBy(cal: WorkCalendar, missed: Pick<ObligationRecord, "clock" | "dueAt">, at: number): { amount: number; unit: "working_days" | "hours" } {
  if (missed.clock === "hours") return { amount: Math.max(1, Math.ceil((at - missed.dueAt) / 3_600_000)), unit: "hours" };
  return { amount: Math.max(1, workingDaysBetween(cal, beijingDate(missed.dueAt), beijingDate(at))), unit: "working_days" };
}

/** 文号: prefix〔year〕n号, n counted per year with no gaps (numbers are given at sign-off, never to drafts). */
export function documentNumber(ladder: LadderPolicy, year: number, sequence: number): string {
  return `${ladder.numberPrefix}〔${year}〕${sequence}号`;
}

export function signingYear(now: number): number {
  return beijingYear(now);
}

/** Only a department officer signs a notice off; the addressed unit's people record its reply. */
export function maySign(role: SpecialistRole): boolean {
  return role === "bizenv";
}

export function mayReply(actor: { role: SpecialistRole; unitId: string }, addresseeUnitId: string): boolean {
  return actor.unitId === addresseeUnitId && actor.role !== "admin";
}

/** The rectification deadline set at sign-off. */
export function rectificationDeadline(cal: WorkCalendar, ladder: LadderPolicy, signedAt: number): number {
  return instantOfBeijing(workingDayAfter(cal, beijingDate(signedAt), ladder.rectificationWorkingDays), "23:59:59");
}

export type NoticeCommand =
  | { action: "sign" }
  | { action: "reply"; text: string };

export type NoticeRefusal = "not_allowed" | "not_a_draft" | "not_signed" | "already_replied" | "obligation_met";

export interface NoticeSnapshot extends NoticeRecord {
  caseId: string;
  /** The responsible unit the notice is addressed to. */
  unitId: string | null;
  repliedAt: number | null;
  missedDueAt: number;
}

export type NoticeDecision =
  | { ok: false; reason: NoticeRefusal }
  | { ok: true; action: "sign"; deadlineAt: number; year: number }
  | { ok: true; action: "reply"; text: string };

/**
 * Sign-off by a department officer turns a draft into an issued notice (its number and deadline are
 * set then); the addressed unit records its written reply (整改情况) once. A draft whose obligation
 * was met meanwhile is not signed: the cron voids it.
 */
export function decideNotice(
  notice: NoticeSnapshot,
  command: NoticeCommand,
  actor: { role: SpecialistRole; unitId: string; id: string },
  obligationStillOpen: boolean,
  cal: WorkCalendar,
  ladder: LadderPolicy,
  now: number,
): NoticeDecision {
  if (command.action === "sign") {
    if (!maySign(actor.role)) return { ok: false, reason: "not_allowed" };
    if (notice.status !== "draft") return { ok: false, reason: "not_a_draft" };
    if (!obligationStillOpen) return { ok: false, reason: "obligation_met" };
    return { ok: true, action: "sign", deadlineAt: rectificationDeadline(cal, ladder, now), year: signingYear(now) };
  }
  if (!notice.unitId || !mayReply(actor, notice.unitId)) return { ok: false, reason: "not_allowed" };
  if (notice.status !== "signed") return { ok: false, reason: "not_signed" };
  if (notice.repliedAt !== null) return { ok: false, reason: "already_replied" };
  return { ok: true, action: "reply", text: command.text };
}
