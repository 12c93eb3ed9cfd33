// The supervisors' figures of a period, in one read round trip: the period's cases (timings and
// outcomes only: no firm, no person), its escalations counted per unit and level, and the calendar
// days that the days-to-meeting average needs. The arithmetic is domain/figures.ts.
import { and, count, eq, gt, gte, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { makeCalendar } from "../../domain/calendar.ts";
import { periodInstants, summarize, type Figures, type Period } from "../../domain/figures.ts";
import type { DbHandle } from "../client.ts";
import { calendarDays, caseEvents, cases, specialists, units } from "../schema.ts";

/** Whose figures: one unit's, or (no unitId) every unit's and the department queue's. */
export interface FiguresScope {
  unitId?: string;
}

const owner = alias(specialists, "owner");

export async function loadFigures(handle: DbHandle, scope: FiguresScope, period: Period, now: number): Promise<Figures> {
  const { start, end } = periodInstants(period);
  const inScope = scope.unitId === undefined ? undefined : eq(owner.unitId, scope.unitId);
  const unit = { unitId: owner.unitId, unitZh: units.nameZh, unitEn: units.nameEn };
  const level = sql<number>`json_extract(${caseEvents.data}, '$.level')`.mapWith(Number);
  const { db } = handle;
  const [caseRows, escalationRows, days] = await handle.readBatch([
    db
      .select({
        ...unit,
        kind: cases.kind,
        status: cases.status,
        receivedAt: cases.receivedAt,
        firstResponseDueAt: cases.firstResponseDueAt,
        acknowledgedAt: cases.acknowledgedAt,
        resolutionDueAt: cases.resolutionDueAt,
        resolvedAt: cases.resolvedAt,
        meetingAt: cases.meetingAt,
        feedback: cases.feedback,
      })
      .from(cases)
      .leftJoin(owner, eq(owner.id, cases.ownerId))
      .leftJoin(units, eq(units.id, owner.unitId))
      .where(and(gte(cases.receivedAt, start), lt(cases.receivedAt, end), inScope)),
    db
      .select({ ...unit, level, count: count() })
      // case_events has no index on type or time: CROSS JOIN makes SQLite go through the escalated
      // cases (level above 0, never lowered) and their events by case_events_case, not every event.
      .from(cases)
      .crossJoin(caseEvents)
      .leftJoin(owner, eq(owner.id, cases.ownerId))
      .leftJoin(units, eq(units.id, owner.unitId))
      .where(
        and(gt(cases.escalationLevel, 0), eq(caseEvents.caseId, cases.id), eq(caseEvents.type, "escalated"), gte(caseEvents.at, start), lt(caseEvents.at, end), inScope),
      )
      .groupBy(owner.unitId, units.nameZh, units.nameEn, level),
    // Meetings may fall after the period, so no upper bound: the table holds only the few dozen
    // exceptions to Mon–Fri a year.
    db.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays).where(gte(calendarDays.date, period.from)),
  ]);
  // No loaded years: counting days needs none, and these figures do not warn about missing schedules.
  return summarize(caseRows, escalationRows, makeCalendar(days, []), now);
}
