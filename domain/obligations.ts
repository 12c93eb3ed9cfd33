// What each kind of case owes and by when (DOMAIN.md "What comes in, and what each case owes").
// Pure: the caller passes the calendar, the policy and the instant of receipt.
import { addCalendarHours, addWorkingDays, beijingDate, CLOSE_OF_DAY, instantOfBeijing, type CalendarWarning, type WorkCalendar } from "./calendar.ts";
import type { CaseKind, Obligation, ObligationState } from "./vocabulary.ts";

/** Working days, or calendar hours (nights and holidays included) for what is owed "at once". */
export type Clock = "working_days" | "hours";

export interface ObligationTerm {
  obligation: Obligation;
  clock: Clock;
  amount: number;
}

/** The numbers admins may change, per kind (the sla_policies table). */
export interface SlaPolicy {
  kind: CaseKind;
  firstResponseWorkingDays: number;
  /** Set for especially urgent appeals: the response (and its assessment) within hours. */
  firstResponseHours: number | null;
  /** The kind's principal obligation: meeting held, hearing held, or answer. */
  resolutionWorkingDays: number;
}

export const DEFAULT_SLA_POLICIES: Record<CaseKind, SlaPolicy> = {
  appointment: { kind: "appointment", firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 7 },
  urgent: { kind: "urgent", firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 3 },
  especially_urgent: { kind: "especially_urgent", firstResponseWorkingDays: 1, firstResponseHours: 2, resolutionWorkingDays: 3 },
  policy: { kind: "policy", firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 10 },
  ordinary: { kind: "ordinary", firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 10 },
};

/** The obligation that the kind exists for; its step comes before the substantive resolution. */
export const PRINCIPAL_OBLIGATION: Record<CaseKind, Obligation> = {
  appointment: "meeting_held",
  urgent: "hearing_held",
  especially_urgent: "hearing_held",
  policy: "answer",
  ordinary: "answer",
};

/** A policy question that needs study may move its answer once, by at most this many working days. */
export const STUDY_MAX_EXTENSION_WORKING_DAYS = 20;

export function termsOf(policy: SlaPolicy): ObligationTerm[] {
  const response: Pick<ObligationTerm, "clock" | "amount"> =
    policy.firstResponseHours !== null
      ? { clock: "hours", amount: policy.firstResponseHours }
      : { clock: "working_days", amount: policy.firstResponseWorkingDays };
  const terms: ObligationTerm[] = [{ obligation: "first_response", ...response }];
  if (policy.kind === "urgent" || policy.kind === "especially_urgent") terms.push({ obligation: "assessment", ...response });
  terms.push({ obligation: PRINCIPAL_OBLIGATION[policy.kind], clock: "working_days", amount: policy.resolutionWorkingDays });
  return terms;
}

/** One obligation of one case as stored (case_obligations). */
export interface ObligationRecord {
  obligation: Obligation;
  /** 1 for the case as filed; a reopened case owes again in cycle 2, 3…; figures judge cycle 1. */
  cycle: number;
  clock: Clock;
  dueAt: number;
  /** The due as first set; a moved due (firm's later date, study notice) keeps it for the record. */
  originalDueAt: number;
  state: ObligationState;
  metAt: number | null;
  metBy: string | null;
  /** The due was moved once (the study notice; a meeting date the firm asked for). */
  moved: boolean;
}

export interface DueResult {
  dueAt: number;
  warnings: CalendarWarning[];
}

export function dueOf(cal: WorkCalendar, term: Pick<ObligationTerm, "clock" | "amount">, from: number): DueResult {
  if (term.clock === "hours") return { dueAt: addCalendarHours(from, term.amount), warnings: [] };
  const due = addWorkingDays(cal, from, term.amount);
  return { dueAt: due.due, warnings: due.warnings };
}

/** The obligations a case owes from `from` (receipt, or a reopening), in the order they come due. */
export function obligationsFor(cal: WorkCalendar, policy: SlaPolicy, from: number, cycle = 1): { records: ObligationRecord[]; warnings: CalendarWarning[] } {
  const warnings: CalendarWarning[] = [];
  const records = termsOf(policy).map((term) => {
    const due = dueOf(cal, term, from);
    for (const w of due.warnings) if (!warnings.some((x) => x.year === w.year)) warnings.push(w);
    return { obligation: term.obligation, cycle, clock: term.clock, dueAt: due.dueAt, originalDueAt: due.dueAt, state: "open" as const, metAt: null, metBy: null, moved: false };
  });
  return { records, warnings };
}

/** The close of a Beijing date: a due moved to a date ends with that day. */
export function closeOf(date: string): number {
  return instantOfBeijing(date, CLOSE_OF_DAY);
}

export function dueDate(dueAt: number): string {
  return beijingDate(dueAt);
}

/** Open obligations of the current cycle, earliest due first. */
export function openObligations(records: readonly ObligationRecord[]): ObligationRecord[] {
  const cycle = Math.max(0, ...records.map((r) => r.cycle));
  return records.filter((r) => r.state === "open" && r.cycle === cycle).sort((a, b) => a.dueAt - b.dueAt);
}

/** The missed obligation that drives supervision: the open one whose due passed longest ago. */
export function mostOverdue(records: readonly ObligationRecord[], now: number): ObligationRecord | undefined {
  return openObligations(records).find((r) => r.dueAt < now);
}

/**
 * The two dues shown in lists (cases.first_response_due_at / resolution_due_at): the current
 * first response, and the kind's principal obligation.
 */
export function headlineDues(records: readonly ObligationRecord[], kind: CaseKind): { firstResponseDueAt: number; resolutionDueAt: number } {
  const latest = (obligation: Obligation) => records.filter((r) => r.obligation === obligation && r.state !== "cancelled").sort((a, b) => b.cycle - a.cycle)[0];
  const principal = latest(PRINCIPAL_OBLIGATION[kind]) ?? latest("first_response");
  const first = latest("first_response") ?? principal;
  return { firstResponseDueAt: first?.dueAt ?? 0, resolutionDueAt: principal?.dueAt ?? first?.dueAt ?? 0 };
}
