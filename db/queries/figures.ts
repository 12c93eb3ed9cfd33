// The supervisors' figures of a period, in one read round trip: the period's cases counted in groups
// (unit, status, answer, on-time outcomes, and the dates of a meeting: no firm, no person), the
// supervision notices signed off in it counted per addressed unit and level, and the calendar days that the days-to-meeting average
// needs. The arithmetic is domain/figures.ts. Counting in SQL keeps the answer small: 100,000 cases
// as rows were more than sqld will send in one response.
import { and, count, eq, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { BEIJING_OFFSET_MS, makeCalendar } from "../../domain/calendar.ts";
import { periodInstants, summarize, type Figures, type Period } from "../../domain/figures.ts";
import { PRINCIPAL_OBLIGATION } from "../../domain/obligations.ts";
import { CASE_KINDS, type ReceiptChannel } from "../../domain/vocabulary.ts";
import type { DbHandle } from "../client.ts";
import { calendarDays, caseObligations, cases, specialists, supervisionNotices, units } from "../schema.ts";

/** Whose figures: one unit's, or (no unitId) every unit's and the department queue's. */
export interface FiguresScope {
  unitId?: string;
  /** Only the cases that came in by this channel (the bot, 12345, a counter, 企业码, a phone call). */
  channel?: ReceiptChannel;
}

const owner = alias(specialists, "owner");
/** Cycle 1's first response and the kind's principal obligation: what the figures judge (a reopening adds cycle 2, never moves these). */
const firstResponse = alias(caseObligations, "first_response");
const principal = alias(caseObligations, "principal");

/** The kind's principal obligation (meeting held, hearing held, answer), in SQL. */
const principalOf = sql.join(
  [sql`CASE ${cases.kind}`, ...CASE_KINDS.map((kind) => sql`WHEN ${kind} THEN ${PRINCIPAL_OBLIGATION[kind]}`), sql`END`],
  sql` `,
);

/** Beijing date of a stored instant (ms), in SQL. */
const beijingDay = (instant: SQL | AnyColumn) => sql<string | null>`date((${instant} + ${BEIJING_OFFSET_MS}) / 1000, 'unixepoch')`;

/**
 * The on-time rule of domain/figures.ts in SQL, on an obligation's due and met-at, so cases can be
 * counted in groups: 1, 0 or null (not known yet; also a cancelled obligation, or none stored).
 */
const onTime = (o: Record<"state" | "metAt" | "dueAt", AnyColumn>, now: number) =>
  sql<number | null>`CASE WHEN ${o.state} = 'cancelled' THEN NULL WHEN ${o.metAt} IS NOT NULL THEN ${o.metAt} <= ${o.dueAt} WHEN ${o.dueAt} < ${now} THEN 0 END`;

export async function loadFigures(handle: DbHandle, scope: FiguresScope, period: Period, now: number): Promise<Figures> {
  const { start, end } = periodInstants(period);
  const { db } = handle;
  const inScope = scope.unitId === undefined ? undefined : eq(owner.unitId, scope.unitId);
  const byChannel = scope.channel === undefined ? undefined : eq(cases.channel, scope.channel);
  const unit = { unitId: owner.unitId, unitZh: units.nameZh, unitEn: units.nameEn };
  const met = sql`${cases.kind} = 'appointment' AND ${cases.meetingAt} IS NOT NULL`;
  const groups = {
    ...unit,
    status: cases.status,
    feedback: cases.feedback,
    firstResponseOnTime: onTime(firstResponse, now),
    resolutionOnTime: onTime(principal, now),
    receivedDate: sql<string | null>`CASE WHEN ${met} THEN ${beijingDay(cases.receivedAt)} END`,
    meetingDate: sql<string | null>`CASE WHEN ${met} THEN ${beijingDay(cases.meetingAt)} END`,
  };
  const [caseGroups, escalationRows, days] = await handle.readBatch([
    db
      .select({ ...groups, count: count() })
      .from(cases)
      .leftJoin(owner, eq(owner.id, cases.ownerId))
      .leftJoin(units, eq(units.id, owner.unitId))
      .leftJoin(firstResponse, and(eq(firstResponse.caseId, cases.id), eq(firstResponse.obligation, "first_response"), eq(firstResponse.cycle, 1)))
      .leftJoin(principal, and(eq(principal.caseId, cases.id), sql`${principal.obligation} = ${principalOf}`, eq(principal.cycle, 1)))
      .where(and(gte(cases.receivedAt, start), lt(cases.receivedAt, end), inScope, byChannel))
      .groupBy(...Object.values(groups)),
    // 三书一函 signed off in the period, against the unit each was addressed to (drafts and voided
    // drafts were never issued). A unit's own figures go by supervision_notices_unit.
    db
      .select({ unitId: supervisionNotices.unitId, unitZh: units.nameZh, unitEn: units.nameEn, level: supervisionNotices.level, count: count() })
      .from(supervisionNotices)
      .leftJoin(units, eq(units.id, supervisionNotices.unitId))
      .where(
        and(
          eq(supervisionNotices.status, "signed"),
          gte(supervisionNotices.signedAt, start),
          lt(supervisionNotices.signedAt, end),
          scope.unitId === undefined ? undefined : eq(supervisionNotices.unitId, scope.unitId),
          scope.channel === undefined ? undefined : sql`${supervisionNotices.caseId} IN (SELECT id FROM cases WHERE channel = ${scope.channel})`,
        ),
      )
      .groupBy(supervisionNotices.unitId, units.nameZh, units.nameEn, supervisionNotices.level),
    // Meetings may fall after the period, so no upper bound: the table holds only the few dozen
    // exceptions to Mon–Fri a year.
    db.select({ date: calendarDays.date, kind: calendarDays.kind }).from(calendarDays).where(gte(calendarDays.date, period.from)),
  ]);
  // No loaded years: counting days needs none, and these figures do not warn about missing schedules.
  return summarize(caseGroups, escalationRows, makeCalendar(days, []));
}
