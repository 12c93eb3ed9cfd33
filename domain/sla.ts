// Service-level targets per case kind (defaults from DOMAIN.md; admins may change them) and the
// due instants a case gets at receipt.
import { addCalendarHours, addWorkingDays, type CalendarWarning, type WorkCalendar } from "./calendar.ts";

export type CaseKind = "appointment" | "urgent" | "especially_urgent" | "policy";

export interface SlaPolicy {
  kind: CaseKind;
  /** First response (首问负责制) in working days… */
  firstResponseWorkingDays: number;
  /** …or, for especially urgent appeals, in calendar hours, holidays included ("at once"). */
  firstResponseHours: number | null;
  /** Resolution: meeting arranged, firm heard, question answered. */
  resolutionWorkingDays: number;
}

export const DEFAULT_SLA_POLICIES: Record<CaseKind, SlaPolicy> = {
  appointment: { kind: "appointment", firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 7 },
  urgent: { kind: "urgent", firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 3 },
  // 情况特别紧急: respond within 2 hours of receipt, day or night; the consultation still within 3 working days.
  especially_urgent: { kind: "especially_urgent", firstResponseWorkingDays: 1, firstResponseHours: 2, resolutionWorkingDays: 3 },
  policy: { kind: "policy", firstResponseWorkingDays: 1, firstResponseHours: null, resolutionWorkingDays: 10 },
};

export interface CaseDues {
  firstResponseDueAt: number;
  resolutionDueAt: number;
  warnings: CalendarWarning[];
}

/** The due instants of a case received at `receivedAt`: the one function every deadline shown or stored comes from. */
export function computeDues(cal: WorkCalendar, policy: SlaPolicy, receivedAt: number): CaseDues {
  const resolution = addWorkingDays(cal, receivedAt, policy.resolutionWorkingDays);
  const first =
    policy.firstResponseHours !== null
      ? { due: addCalendarHours(receivedAt, policy.firstResponseHours), warnings: [] }
      : addWorkingDays(cal, receivedAt, policy.firstResponseWorkingDays);
  const warnings = [...resolution.warnings];
  for (const w of first.warnings) if (!warnings.some((x) => x.year === w.year)) warnings.push(w);
  return { firstResponseDueAt: Math.min(first.due, resolution.due), resolutionDueAt: resolution.due, warnings };
}
