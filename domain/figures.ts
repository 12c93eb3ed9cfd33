// The figures supervisors are judged by (办结率, on-time rates, 满意率, days to a meeting, 三书一函
// counts), per unit and period, as pure functions of plain rows. Definitions:
// - Period: cases RECEIVED on Beijing dates [from, to], both inclusive; escalations are supervision
//   notices (三书一函) signed off in the period, whenever their case was received.
// - Unit: the unit of the case's current owner; cases without an owner form the department queue
//   (unitId null). A notice counts against the unit it was addressed to. The total covers every row
//   given, queue included.
// - closure rate = (resolved + closed) / (received − withdrawn).
// - on-time rates, judged on cycle 1's obligations (a reopened case keeps them): first response = its
//   first_response met (by any real first step) by its due; resolution = the kind's principal
//   obligation (meeting held, hearing held, answer) met by its due, whenever the case was resolved.
//   Withdrawn cases are left out, and so are cases whose outcome is not known yet (not met and not
//   yet past due, or cancelled); met exactly at the due instant is on time.
// - satisfaction = (satisfied + basically satisfied) / all three answers; 'none' (closed without
//   feedback) and no answer yet are left out.
// - days to a meeting: working days after the Beijing date of receipt up to and including the
//   meeting's date (workingDaysBetween): 1 = the first working day after the day of receipt, 0 =
//   the day of receipt or a day off before the first working day; averaged to one decimal.
// A rate is a fraction in [0, 1], or null when nothing counts towards it.
import { addDays, DAY_MS, instantOfBeijing, isRealDate, workingDaysBetween, type WorkCalendar } from "./calendar.ts";
import type { CaseStatus } from "./vocabulary.ts";

export type Feedback = "satisfied" | "basically_satisfied" | "unsatisfied" | "none";

export interface UnitName {
  unitId: string | null;
  unitZh: string | null;
  unitEn: string | null;
}

/**
 * Cases received in the period that share a unit, a status, an answer and their outcomes, counted
 * together: the database groups them (db/queries/figures.ts), so a year of cases is a few hundred rows.
 */
export interface FigureGroup extends UnitName {
  status: CaseStatus;
  feedback: Feedback | null;
  /** Cycle 1's obligations: 1: met by the due instant (exactly at it counts); 0: met late, or unmet and past due; null: not known yet. */
  firstResponseOnTime: number | null;
  resolutionOnTime: number | null;
  /** Appointments with a meeting: the Beijing dates of receipt and of the meeting; otherwise null. */
  receivedDate: string | null;
  meetingDate: string | null;
  count: number;
}

/** How many escalations of one level a unit had in the period. */
export interface EscalationCount extends UnitName {
  level: number;
  count: number;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export interface Average {
  sum: number;
  count: number;
  average: number | null;
}

/** Escalations of levels 1 (reminder letter) … 4 (accountability interview). */
export type EscalationsByLevel = [number, number, number, number];

export interface UnitFigures extends UnitName {
  received: number;
  withdrawn: number;
  /** Resolved or closed. */
  closed: number;
  closureRate: Ratio;
  firstResponseOnTime: Ratio;
  resolutionOnTime: Ratio;
  satisfaction: Ratio;
  avgWorkingDaysToMeeting: Average;
  escalations: EscalationsByLevel;
}

export interface Figures {
  units: UnitFigures[];
  /** Everything given; its unitId and names are null. */
  total: UnitFigures;
}

export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, rate: rate(numerator, denominator) });

export function average(sum: number, count: number): Average {
  return { sum, count, average: count === 0 ? null : Math.round((sum / count) * 10) / 10 };
}

const CLOSED: readonly CaseStatus[] = ["resolved", "closed"];
const SATISFIED: readonly (Feedback | null)[] = ["satisfied", "basically_satisfied"];
const ANSWERED: readonly (Feedback | null)[] = [...SATISFIED, "unsatisfied"];

/** How many cases of the groups pass `test`. */
const countOf = (groups: readonly FigureGroup[], test: (g: FigureGroup) => boolean) => groups.reduce((sum, g) => sum + (test(g) ? g.count : 0), 0);

/** Withdrawn cases are never late: they count in no on-time rate. */
function onTimeRatio(groups: readonly FigureGroup[], outcome: (g: FigureGroup) => number | null): Ratio {
  const counted = groups.filter((g) => g.status !== "withdrawn");
  return ratio(countOf(counted, (g) => outcome(g) === 1), countOf(counted, (g) => outcome(g) !== null));
}

function figuresOf(unit: UnitName, groups: readonly FigureGroup[], escalations: readonly EscalationCount[], calendar: WorkCalendar): UnitFigures {
  const received = countOf(groups, () => true);
  const withdrawn = countOf(groups, (g) => g.status === "withdrawn");
  const closed = countOf(groups, (g) => CLOSED.includes(g.status));
  let meetingDays = 0;
  for (const g of groups) if (g.receivedDate && g.meetingDate) meetingDays += workingDaysBetween(calendar, g.receivedDate, g.meetingDate) * g.count;
  const atLevel = (level: number) => escalations.filter((e) => e.level === level).reduce((sum, e) => sum + e.count, 0);
  return {
    ...unit,
    received,
    withdrawn,
    closed,
    closureRate: ratio(closed, received - withdrawn),
    firstResponseOnTime: onTimeRatio(groups, (g) => g.firstResponseOnTime),
    resolutionOnTime: onTimeRatio(groups, (g) => g.resolutionOnTime),
    satisfaction: ratio(countOf(groups, (g) => SATISFIED.includes(g.feedback)), countOf(groups, (g) => ANSWERED.includes(g.feedback))),
    avgWorkingDaysToMeeting: average(meetingDays, countOf(groups, (g) => g.meetingDate !== null)),
    escalations: [atLevel(1), atLevel(2), atLevel(3), atLevel(4)],
  };
}

/** Figures per unit (ordered by id, the department queue last) and in total. */
export function summarize(cases: readonly FigureGroup[], escalations: readonly EscalationCount[], calendar: WorkCalendar): Figures {
  const names = new Map<string | null, UnitName>();
  for (const row of [...cases, ...escalations]) if (!names.has(row.unitId)) names.set(row.unitId, { unitId: row.unitId, unitZh: row.unitZh, unitEn: row.unitEn });
  const order = [...names.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return {
    units: order.map((id) =>
      figuresOf(names.get(id)!, cases.filter((c) => c.unitId === id), escalations.filter((e) => e.unitId === id), calendar),
    ),
    total: figuresOf({ unitId: null, unitZh: null, unitEn: null }, cases, escalations, calendar),
  };
}

/** Beijing dates 'YYYY-MM-DD', both inclusive. */
export interface Period {
  from: string;
  to: string;
}

export type ParsedPeriod = ({ ok: true } & Period) | { ok: false; field: "from" | "to"; rule: "date" | "order" | "span" };

/** A full leap year at most: longer periods make a slow page and say little. */
export const MAX_PERIOD_DAYS = 366;

/** The first day of the month two months before `date`'s: that month and the two before it. */
function quarterBefore(date: string): string {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 3, 1)).toISOString().slice(0, 10);
}

/**
 * The period of ?from=&to= (Beijing dates, inclusive). Defaults: `to` = today, `from` = the first day
 * of the month two months before `to`'s month (today 2026-05-14 → 2026-03-01 … 2026-05-14).
 */
export function parsePeriod(query: URLSearchParams, today: string): ParsedPeriod {
  const given = query.get("from") || undefined;
  if (given !== undefined && !isRealDate(given)) return { ok: false, field: "from", rule: "date" };
  const to = query.get("to") || today;
  if (!isRealDate(to)) return { ok: false, field: "to", rule: "date" };
  const from = given ?? quarterBefore(to);
  if (from > to) return { ok: false, field: "to", rule: "order" };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_PERIOD_DAYS) return { ok: false, field: "to", rule: "span" };
  return { ok: true, from, to };
}

/** The instants [start, end) of a period's Beijing dates, to compare with stored instants. */
export function periodInstants(period: Period): { start: number; end: number } {
  return { start: instantOfBeijing(period.from), end: instantOfBeijing(addDays(period.to, 1)) };
}
