// Working days in Asia/Shanghai, as pure functions of an explicit calendar. China has no DST, so
// Beijing time is UTC+8 by arithmetic: nothing here reads the runtime's time zone (Workers run in UTC).
//
// Deadlines: the day of receipt is not counted; N working days end at the close of the N-th
// working day after the Beijing date of receipt, and "close" is 23:59:59 Beijing time, everywhere.

export interface WorkCalendar {
  /** Public holidays (off), 'YYYY-MM-DD'. */
  holidays: ReadonlySet<string>;
  /** Make-up working days (调休, on), usually a Saturday or Sunday. */
  workdays: ReadonlySet<string>;
  /** Years with a loaded official schedule; other years fall back to Mon–Fri, with a warning. */
  years: ReadonlySet<number>;
}

export interface CalendarWarning {
  code: "year_not_loaded";
  year: number;
}

export const BEIJING_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
export const CLOSE_OF_DAY = "23:59:59";

export function makeCalendar(days: readonly { date: string; kind: "holiday" | "workday" }[], years: Iterable<number>): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === "holiday").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "workday").map((d) => d.date)),
    years: new Set(years),
  };
}

/** 'YYYY-MM-DD' naming a day that exists (2026-02-30 does not; Date.parse would roll it over). */
export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === text;
}

/** The Beijing calendar date of an instant: a UTC Friday 23:00 is a Beijing Saturday. */
export function beijingDate(instant: number): string {
  return new Date(instant + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO-8601 with the +08:00 offset, e.g. 2026-02-28T23:59:59+08:00. */
export function beijingIso(instant: number): string {
  return `${new Date(instant + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** "2026-11-25 14:30": Beijing wall-clock time to the minute, compact for tables (their header names the zone). */
export function beijingMinute(instant: number): string {
  return beijingIso(instant).slice(0, 16).replace("T", " ");
}

export function beijingYear(instant: number): number {
  return Number(beijingDate(instant).slice(0, 4));
}

/** The instant of a Beijing wall-clock time ('HH:MM:SS'). */
export function instantOfBeijing(date: string, time = "00:00:00"): number {
  return Date.parse(`${date}T${time}.000Z`) - BEIJING_OFFSET_MS;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.workdays.has(date)) return true;
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

function warnFor(cal: WorkCalendar, date: string, warnings: CalendarWarning[]): void {
  const year = Number(date.slice(0, 4));
  if (!cal.years.has(year) && !warnings.some((w) => w.year === year)) warnings.push({ code: "year_not_loaded", year });
}

export function nextWorkingDay(cal: WorkCalendar, date: string): string {
  let day = addDays(date, 1);
  while (!isWorkingDay(cal, day)) day = addDays(day, 1);
  return day;
}

export function previousWorkingDay(cal: WorkCalendar, date: string): string {
  let day = addDays(date, -1);
  while (!isWorkingDay(cal, day)) day = addDays(day, -1);
  return day;
}

/** The N-th working day after `date` (N ≥ 1). */
export function workingDayAfter(cal: WorkCalendar, date: string, n: number): string {
  let day = date;
  for (let i = 0; i < n; i++) day = nextWorkingDay(cal, day);
  return day;
}

export interface Due {
  /** The close of the last working day, as an instant. */
  due: number;
  /** That day, 'YYYY-MM-DD' in Beijing. */
  date: string;
  warnings: CalendarWarning[];
}

/** The close of the N-th working day after the Beijing date of receipt (the day of receipt is not counted). */
export function addWorkingDays(cal: WorkCalendar, receivedAt: number, days: number): Due {
  const warnings: CalendarWarning[] = [];
  let date = beijingDate(receivedAt);
  warnFor(cal, date, warnings);
  for (let counted = 0; counted < days; ) {
    date = addDays(date, 1);
    warnFor(cal, date, warnings);
    if (isWorkingDay(cal, date)) counted += 1;
  }
  return { due: instantOfBeijing(date, CLOSE_OF_DAY), date, warnings };
}

/** Especially urgent targets count calendar hours, holidays included. */
export function addCalendarHours(from: number, hours: number): number {
  return from + hours * 3_600_000;
}

/** Working days d with fromDate < d ≤ toDate (0 when toDate ≤ fromDate). */
export function workingDaysBetween(cal: WorkCalendar, fromDate: string, toDate: string): number {
  let count = 0;
  for (let date = addDays(fromDate, 1); date <= toDate; date = addDays(date, 1)) if (isWorkingDay(cal, date)) count += 1;
  return count;
}

/** The part of [from, to) that falls on Beijing working days, in ms (whole days count 24 h). */
export function workingTimeBetween(cal: WorkCalendar, from: number, to: number): number {
  let total = 0;
  for (let date = beijingDate(from); instantOfBeijing(date) < to; date = addDays(date, 1)) {
    if (!isWorkingDay(cal, date)) continue;
    const start = Math.max(from, instantOfBeijing(date));
    const end = Math.min(to, instantOfBeijing(addDays(date, 1)));
    if (end > start) total += end - start;
  }
  return total;
}
