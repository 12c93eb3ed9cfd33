// The working-day calendar and SLA policies as the Worker reads them: only the window of days a
// deadline can reach, in the same batch as the rest of an update's reads.
import { and, gte, lte, type Placeholder } from "drizzle-orm";
import type { Db } from "../client.ts";
import type { CaseKind } from "../../domain/vocabulary.ts";
import { DEFAULT_SLA_POLICIES, type SlaPolicy } from "../../domain/obligations.ts";
import { calendarDays, calendarYears, slaPolicies } from "../schema.ts";

/**
 * Days ahead a due can reach: the longest configurable obligation (SLA_MAX working days) plus a
 * study extension, with room for the longest holiday runs.
 */
export const CALENDAR_WINDOW_DAYS = 150;
/** Days back a decision may count from (a case's receipt). */
export const CALENDAR_LOOKBACK_DAYS = 90;

/** The calendar rows between two dates, the loaded years and the policies. */
export function calendarWindow(db: Db, fromDate: string | Placeholder, toDate: string | Placeholder) {
  return [
    db.select().from(calendarDays).where(and(gte(calendarDays.date, fromDate), lte(calendarDays.date, toDate))),
    db.select().from(calendarYears),
    db.select().from(slaPolicies),
  ] as const;
}

/** The stored policy of a kind, or the default when none is stored. */
export function policyFor(kind: CaseKind, stored: readonly (typeof slaPolicies.$inferSelect)[]): SlaPolicy {
  const row = stored.find((p) => p.kind === kind);
  return row
    ? { kind, firstResponseWorkingDays: row.firstResponseWorkingDays, firstResponseHours: row.firstResponseHours, resolutionWorkingDays: row.resolutionWorkingDays }
    : DEFAULT_SLA_POLICIES[kind];
}

