// What the cron must send for a case, and when it must look again: reminders before a due, the
// 三书一函 escalation ladder once it is missed, and the satisfaction survey's reminder and close.
// Pure: the caller passes the calendar and "now"; sending and once-only live in the outbox.
import { beijingDate, instantOfBeijing, previousWorkingDay, workingDayAfter, type WorkCalendar } from "./calendar.ts";
import { isOpen, type CaseStatus } from "./lifecycle.ts";

/** Reminders and notices go out at the start of the working day, Beijing time. */
export const MORNING = "09:00:00";

export type Obligation = "first_response" | "resolution";

/**
 * The ladder of "three notices and one letter": each step fires at 09:00 on the given working day
 * after the missed due date, to a wider circle.
 */
export const ESCALATION_LADDER = [
  { level: 1, notice: "reminder_letter", workingDaysAfterDue: 1, audience: "owner_and_deputy" },
  { level: 2, notice: "rectification_notice", workingDaysAfterDue: 2, audience: "unit_head" },
  { level: 3, notice: "key_supervision_notice", workingDaysAfterDue: 4, audience: "bizenv" },
  { level: 4, notice: "accountability_interview", workingDaysAfterDue: 6, audience: "admin" },
] as const;

export type EscalationStep = (typeof ESCALATION_LADDER)[number];

/** The survey: a reminder after 3 working days without an answer; closed as "no feedback" 3 working days later. */
export const SURVEY_REMINDER_WORKING_DAYS = 4;
export const SURVEY_CLOSE_WORKING_DAYS = 7;

export interface AlertableCase {
  status: CaseStatus;
  receivedAt: number;
  acknowledgedAt: number | null;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  resolvedAt: number | null;
}

export type Alert =
  | { type: "reminder"; obligation: Obligation; step: "day_before" | "due_day" | "overdue"; at: number; dueAt: number }
  | { type: "escalation"; obligation: Obligation; step: EscalationStep; at: number; dueAt: number }
  | { type: "survey_reminder"; at: number }
  | { type: "close_without_feedback"; at: number };

/** A stable key per alert: the outbox dedupe key and the ledger's guard against a second notice. */
export function alertKey(alert: Alert): string {
  switch (alert.type) {
    case "reminder":
      return `remind:${alert.obligation}:${alert.step}:${alert.dueAt}`;
    case "escalation":
      return `escalate:${alert.obligation}:${alert.step.level}:${alert.dueAt}`;
    default:
      return alert.type;
  }
}

function obligationAlerts(cal: WorkCalendar, obligation: Obligation, dueAt: number, receivedAt: number): Alert[] {
  const dueDate = beijingDate(dueAt);
  const morning = (date: string) => instantOfBeijing(date, MORNING);
  const alerts: Alert[] = [];
  const dayBefore = morning(previousWorkingDay(cal, dueDate));
  if (dayBefore > receivedAt && dayBefore < dueAt) alerts.push({ type: "reminder", obligation, step: "day_before", at: dayBefore, dueAt });
  const dueDay = morning(dueDate);
  if (dueDay > receivedAt && dueDay < dueAt) alerts.push({ type: "reminder", obligation, step: "due_day", at: dueDay, dueAt });
  alerts.push({ type: "reminder", obligation, step: "overdue", at: dueAt, dueAt });
  for (const step of ESCALATION_LADDER) {
    alerts.push({ type: "escalation", obligation, step, at: morning(workingDayAfter(cal, dueDate, step.workingDaysAfterDue)), dueAt });
  }
  return alerts;
}

/** Every alert that applies to the case in its present state, with its time. */
export function scheduledAlerts(cal: WorkCalendar, c: AlertableCase): Alert[] {
  if (c.status === "resolved" && c.resolvedAt !== null) {
    const resolvedDate = beijingDate(c.resolvedAt);
    return [
      { type: "survey_reminder", at: instantOfBeijing(workingDayAfter(cal, resolvedDate, SURVEY_REMINDER_WORKING_DAYS), MORNING) },
      { type: "close_without_feedback", at: instantOfBeijing(workingDayAfter(cal, resolvedDate, SURVEY_CLOSE_WORKING_DAYS), MORNING) },
    ];
  }
  if (!isOpen(c.status)) return [];
  const alerts: Alert[] = [];
  // The ladder stops when what was overdue is done: an acknowledged case has no first-response alerts.
  if (c.acknowledgedAt === null && (c.status === "received" || c.status === "assigned")) {
    alerts.push(...obligationAlerts(cal, "first_response", c.firstResponseDueAt, c.receivedAt));
  }
  alerts.push(...obligationAlerts(cal, "resolution", c.resolutionDueAt, c.receivedAt));
  return alerts;
}

export interface AlertPlan {
  /** Alerts whose time has come: the caller sends each once (by its key). */
  due: Alert[];
  /** When to look again; null when nothing is left. */
  nextAt: number | null;
}

/**
 * The alerts due at `now`. Of several reminders for one obligation only the latest is sent (a case
 * first seen when already overdue gets "overdue", not yesterday's "due tomorrow" too); every
 * escalation step that has come is sent, in order, so none of the ladder is skipped.
 */
export function planAlerts(cal: WorkCalendar, c: AlertableCase, now: number): AlertPlan {
  const all = scheduledAlerts(cal, c);
  const come = all.filter((a) => a.at <= now);
  const latestReminder = new Map<Obligation, Alert>();
  for (const a of come) if (a.type === "reminder") latestReminder.set(a.obligation, a);
  const due = come.filter((a) => a.type !== "reminder" || latestReminder.get(a.obligation) === a);
  const later = all.filter((a) => a.at > now).map((a) => a.at);
  return { due, nextAt: later.length ? Math.min(...later) : null };
}
