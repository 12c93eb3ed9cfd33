// The supervisors' figures of a period, in one read round trip: the period's cases counted in groups
// (unit, status, answer, on-time outcomes, and the dates of a meeting: no firm, no person), its
// escalations counted per unit and level, and the calendar days that the days-to-meeting average
// needs. The arithmetic is domain/figures.ts. Counting in SQL keeps the answer small: 100,000 cases
// as rows were more than sqld will send in one response.
import { and, count, eq, gt, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { BEIJING_OFFSET_MS, makeCalendar } from "../../domain/calendar.ts";
import { periodInstants, summarize, type Figures, type Period } from "../../domain/figures.ts";
import type { DbHandle } from "../client.ts";
import { calendarDays, caseEvents, cases, specialists, units } from "../schema.ts";

/** Whose figures: one unit's, or (no unitId) every unit's and the department queue's. */
export interface FiguresScope {
  unitId?: string;
}

const owner = alias(specialists, "owner");

/** Beijing date of a stored instant (ms), in SQL. */
const beijingDay = (instant: SQL | AnyColumn) => sql<string | null>`date((${instant} + ${BEIJING_OFFSET_MS}) / 1000, 'unixepoch')`;

/** The on-time rule of domain/figures.ts in SQL, so cases can be counted in groups: 1, 0 or null (not known yet). */
const onTime = (doneAt: AnyColumn, dueAt: AnyColumn, now: number) =>
  sql<number | null>`CASE WHEN ${doneAt} IS NOT NULL THEN ${doneAt} <= ${dueAt} WHEN ${dueAt} < ${now} THEN 0 END`;

export async function loadFigures(handle: DbHandle, scope: FiguresScope, period: Period, now: number): Promise<Figures> {
  const { start, end } = periodInstants(period);
  const { db } = handle;
  const inScope = scope.unitId === undefined ? undefined : eq(owner.unitId, scope.unitId);
  const unit = { unitId: owner.unitId, unitZh: units.nameZh, unitEn: units.nameEn };
  const level = sql<number>`json_extract(${caseEvents.data}, '$.level')`.mapWith(Number);
  const met = sql`${cases.kind} = 'appointment' AND ${cases.meetingAt} IS NOT NULL`;
  const groups = {
    ...unit,
    status: cases.status,
    feedback: cases.feedback,
    firstResponseOnTime: onTime(cases.acknowledgedAt, cases.firstResponseDueAt, now),
    resolutionOnTime: onTime(cases.resolvedAt, cases.resolutionDueAt, now),
    receivedDate: sql<string | null>`CASE WHEN ${met} THEN ${beijingDay(cases.receivedAt)} END`,
    meetingDate: sql<string | null>`CASE WHEN ${met} THEN ${beijingDay(cases.meetingAt)} END`,
  };
  const [caseGroups, escalationRows, days] = await handle.readBatch([
    db
      .select({ ...groups, count: count() })
      .from(cases)
      .leftJoin(owner, eq(owner.id, cases.ownerId))
      .leftJoin(units, eq(units.id, owner.unitId))
      .where(and(gte(cases.receivedAt, start), lt(cases.receivedAt, end), inScope))
      .groupBy(...Object.values(groups)),
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
  return summarize(caseGroups, escalationRows, makeCalendar(days, []));
}
