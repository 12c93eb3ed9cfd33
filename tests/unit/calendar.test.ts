import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  beijingDate,
  instantOfBeijing,
  isWorkingDay,
  makeCalendar,
  workingDaysBetween,
  workingTimeBetween,
} from "../../domain/calendar.ts";
import { dueText } from "../../lib/format.ts";

// The same data the seed migration loads (chinese-days 1.5.7: 2004–2026).
const data = JSON.parse(readFileSync("node_modules/chinese-days/dist/chinese-days.json", "utf8")) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const days = [
  ...Object.keys(data.holidays).map((date) => ({ date, kind: "holiday" as const })),
  ...Object.keys(data.workdays).map((date) => ({ date, kind: "workday" as const })),
];
const cal = makeCalendar(days, Array.from({ length: 23 }, (_, i) => 2004 + i));
const at = (iso: string) => Date.parse(iso);

describe("Beijing dates of instants", () => {
  it.each([
    ["2026-02-13T23:00:00Z", "2026-02-14"], // UTC Friday 23:00 = Beijing Saturday 07:00
    ["2026-02-13T15:59:59Z", "2026-02-13"],
    ["2026-02-13T16:00:00Z", "2026-02-14"],
    ["2025-12-31T16:00:00Z", "2026-01-01"],
  ])("%s is %s in Beijing", (instant, date) => {
    expect(beijingDate(at(instant))).toBe(date);
  });

  it("converts Beijing wall time back to the instant", () => {
    expect(new Date(instantOfBeijing("2026-02-28", "23:59:59")).toISOString()).toBe("2026-02-28T15:59:59.000Z");
  });
});

describe("isWorkingDay with the 2026 State Council schedule", () => {
  it.each([
    ["2026-02-12", true], // Thursday
    ["2026-02-14", true], // Saturday, make-up day
    ["2026-02-15", false], // Spring Festival
    ["2026-02-23", false], // Spring Festival (Monday)
    ["2026-02-24", true],
    ["2026-02-28", true], // Saturday, make-up day
    ["2026-03-01", false], // Sunday
    ["2026-09-20", true], // Sunday, make-up day before National Day
    ["2026-10-01", false],
    ["2026-10-07", false],
    ["2026-10-08", true],
    ["2026-10-10", true], // Saturday, make-up day
    ["2026-10-11", false],
  ])("%s → %s", (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });
});

describe("addWorkingDays: the day of receipt is not counted; due at 23:59:59 Beijing", () => {
  it.each([
    // received (instant)           N   due date      note
    ["2026-02-12T02:00:00Z", 7, "2026-02-28", "Thu 12 Feb → Sat 28 Feb (Spring Festival, two make-up Saturdays)"],
    ["2026-02-13T23:00:00Z", 1, "2026-02-24", "Beijing Sat 14 Feb 07:00 (a make-up day) → next working day after it"],
    ["2026-02-13T15:00:00Z", 1, "2026-02-14", "Beijing Fri 23:00 → make-up Saturday"],
    ["2026-09-30T03:00:00Z", 3, "2026-10-10", "before National Day → 8 Oct, 9 Oct, make-up Sat 10 Oct"],
    ["2026-10-03T03:00:00Z", 1, "2026-10-08", "received on a holiday"],
    ["2026-11-24T10:00:00Z", 10, "2026-12-08", "an ordinary fortnight"],
  ])("%s + %d → %s (%s)", (received, n, date) => {
    const result = addWorkingDays(cal, at(received), n);
    expect(result.date).toBe(date);
    expect(result.due).toBe(instantOfBeijing(date, "23:59:59"));
    expect(result.warnings).toEqual([]);
  });

  it("computes a year with no loaded schedule by weekends only, and warns", () => {
    const result = addWorkingDays(cal, at("2026-12-28T02:00:00Z"), 7);
    expect(result.date).toBe("2027-01-06");
    expect(result.warnings).toEqual([{ code: "year_not_loaded", year: 2027 }]);
  });
});

describe("working time", () => {
  it("counts working days between two dates", () => {
    expect(workingDaysBetween(cal, "2026-02-12", "2026-02-28")).toBe(7);
    expect(workingDaysBetween(cal, "2026-02-28", "2026-02-12")).toBe(0);
  });

  it("counts only the hours that fall on working days", () => {
    // Fri 13 Feb 12:00 → Tue 24 Feb 12:00 Beijing: half of Fri, all of Sat 14 (make-up), half of Tue 24.
    const from = instantOfBeijing("2026-02-13", "12:00:00");
    const to = instantOfBeijing("2026-02-24", "12:00:00");
    expect(workingTimeBetween(cal, from, to)).toBe(48 * 3_600_000);
  });
});

describe("dueText: investors read dates, and whether a day is a make-up working day", () => {
  it.each([
    ["zh", "2026-02-28T23:59:59+08:00", "2026年2月28日（星期六，调休工作日）"],
    ["en", "2026-02-28T23:59:59+08:00", "Sat 28 Feb 2026, an official make-up working day"],
    ["zh", "2026-03-05T23:59:59+08:00", "2026年3月5日（星期四）"],
    ["en", "2026-03-05T23:59:59+08:00", "Thu 5 Mar 2026"],
    // Close of day in Beijing is still that day, though it is 15:59 UTC.
    ["en", "2026-12-31T23:59:59+08:00", "Thu 31 Dec 2026"],
  ] as const)("%s %s → %s", (locale, iso, text) => {
    expect(dueText(locale, at(iso), cal)).toBe(text);
  });
});
