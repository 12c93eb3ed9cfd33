// Reminders to the owner before each due, and the satisfaction survey's reminder and close.
// Pure: the caller passes the calendar and "now"; sending once lives in the outbox (dedupe keys).
// Supervision (三书一函) is planned by supervision.ts; the cron takes the earlier of both next times.
import { beijingDate, instantOfBeijing, previousWorkingDay, workingDayAfter, type WorkCalendar } from "./calendar.ts";
import { openObligations, type ObligationRecord } from "./obligations.ts";
import { MORNING } from "./supervision.ts";
import { isOpen, type CaseStatus, type Obligation } from "./vocabulary.ts";

export { MORNING };

/** The survey: a reminder after 3 working days without an answer; closed as "no feedback" 3 working days later. */
export const SURVEY_REMINDER_WORKING_DAYS = 4;
export const SURVEY_CLOSE_WORKING_DAYS = 7;

export interface AlertableCase {
  status: CaseStatus;
  /** When the current cycle began: the receipt, or the latest reopening (an unsatisfied firm's). */
  cycleStartedAt: number;
  resolvedAt: number | null;
  obligations: readonly ObligationRecord[];
}

export type ReminderStep = "day_before" | "due_day" | "within_hours" | "overdue";

export type Alert =
  | { type: "reminder"; obligation: Obligation; cycle: number; step: ReminderStep; at: number; dueAt: number }
  | { type: "survey_reminder"; at: number }
  | { type: "close_without_feedback"; at: number };

/** A stable key per alert: the outbox dedupe key. A moved due is a new due, reminded afresh. */
export function alertKey(alert: Alert): string {
  return alert.type === "reminder" ? `remind:${alert.obligation}:${alert.cycle}:${alert.step}:${alert.dueAt}` : alert.type;
}

/** A reminder before a due is sent only if it falls after the cycle began: a reopened case counts from the reopening. */
function remindersOf(cal: WorkCalendar, o: ObligationRecord, cycleStartedAt: number): Alert[] {
  const base = { type: "reminder" as const, obligation: o.obligation, cycle: o.cycle, dueAt: o.dueAt };
  const alerts: Alert[] = [];
  const before = (step: ReminderStep, at: number) => {
    if (at > cycleStartedAt && at < o.dueAt) alerts.push({ ...base, step, at });
  };
  if (o.clock === "hours") {
    // Especially urgent: nights and holidays included, an hour before the due.
    before("within_hours", o.dueAt - 3_600_000);
  } else {
    const dueDate = beijingDate(o.dueAt);
    before("day_before", instantOfBeijing(previousWorkingDay(cal, dueDate), MORNING));
    before("due_day", instantOfBeijing(dueDate, MORNING));
  }
  // Missed only once the due has passed: a step at the due instant itself is on time (supervision agrees).
  alerts.push({ ...base, step: "overdue", at: o.dueAt + 1 });
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
  return openObligations(c.obligations).flatMap((o) => remindersOf(cal, o, c.cycleStartedAt));
}

export interface AlertPlan {
  /** Alerts whose time has come: the caller sends each once (by its key). */
  due: Alert[];
  /** When to look again; null when nothing is left. */
  nextAt: number | null;
}

/**
 * The alerts due at `now`. Of several reminders for one obligation only the latest is sent (a case
 * first seen when already overdue gets "overdue", not yesterday's "due tomorrow" too).
 */
export function planAlerts(cal: WorkCalendar, c: AlertableCase, now: number): AlertPlan {
  const all = scheduledAlerts(cal, c);
  const come = all.filter((a) => a.at <= now);
  const latest = new Map<string, Alert>();
  for (const a of come) latest.set(a.type === "reminder" ? `${a.obligation}:${a.cycle}` : a.type, a);
  const due = come.filter((a) => latest.get(a.type === "reminder" ? `${a.obligation}:${a.cycle}` : a.type) === a);
  const later = all.filter((a) => a.at > now).map((a) => a.at);
  return { due, nextAt: later.length ? Math.min(...later) : null };
}
