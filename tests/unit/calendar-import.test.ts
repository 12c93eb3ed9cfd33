// An admin's upload of a year's holiday notice: which uploads are one notice, and what is refused.
import { describe, expect, it } from "vitest";
import { parseScheduleCsv, parseScheduleJson, type ParsedSchedule } from "../../domain/calendar-import.ts";

type Row = [date: string, kind: string];
const json = (rows: Row[]) => JSON.stringify({ source: "通知", days: rows.map(([date, kind]) => ({ date, kind, name: "x" })) });
const csv = (rows: Row[]) => ["date,kind,name", ...rows.map(([date, kind]) => `${date},${kind},x`)].join("\n");
const outcome = (parsed: ParsedSchedule) => (parsed.ok ? { year: parsed.year, dates: parsed.days.map((d) => d.date) } : { problems: parsed.problems });

describe("one upload is one year's notice, which may settle the December before it", () => {
  // [what, the notice's rows, the year it loads as (or the problem)]
  const accepted: [string, Row[], number][] = [
    ["one year", [["2027-01-01", "holiday"], ["2027-02-06", "workday"]], 2027],
    // 26 Dec 2026 is a Saturday. (29 Dec 2026 is a Tuesday: a day off then, not a make-up working day.)
    ["a 2027 notice with a make-up working day in December 2026", [["2026-12-26", "workday"], ["2027-01-01", "holiday"]], 2027],
    ["a 2027 notice with days off at the end of December 2026", [["2026-12-29", "holiday"], ["2026-12-31", "holiday"], ["2027-01-01", "holiday"]], 2027],
    // The State Council's notice for 2019, as published.
    ["the 2019 notice: Sat 29 Dec 2018 worked, 30 Dec 2018 – 1 Jan 2019 off", [["2018-12-29", "workday"], ["2018-12-30", "holiday"], ["2018-12-31", "holiday"], ["2019-01-01", "holiday"]], 2019],
    ["December rows listed after the year's", [["2027-01-01", "holiday"], ["2026-12-26", "workday"]], 2027],
  ];
  for (const [what, rows, year] of accepted) {
    it(`loads ${what} (JSON and CSV alike)`, () => {
      const dates = rows.map(([date]) => date).sort();
      expect(outcome(parseScheduleJson(json(rows)))).toEqual({ year, dates });
      expect(outcome(parseScheduleCsv(csv(rows)))).toEqual({ year, dates });
    });
  }

  const refused: [string, Row[], { line: number; date: string; year: string }][] = [
    ["a November day of the year before", [["2026-11-28", "workday"], ["2027-01-01", "holiday"]], { line: 1, date: "2026-11-28", year: "2027" }],
    ["a December two years before", [["2027-01-01", "holiday"], ["2025-12-27", "workday"]], { line: 2, date: "2025-12-27", year: "2027" }],
    ["a January of the year after (that is the next notice)", [["2027-02-06", "workday"], ["2028-01-01", "holiday"]], { line: 1, date: "2027-02-06", year: "2028" }],
  ];
  for (const [what, rows, problem] of refused) {
    it(`refuses ${what}, naming the line and the date`, () => {
      const expected = { problems: [{ line: problem.line, field: "date", code: "one-year", args: { date: problem.date, year: problem.year } }] };
      expect(outcome(parseScheduleJson(json(rows)))).toEqual(expected);
      // The CSV's header is line 1.
      expect(outcome(parseScheduleCsv(csv(rows)))).toEqual({ problems: [{ ...expected.problems[0], line: problem.line + 1 }] });
    });
  }

  it("still refuses a make-up working day on a weekday at the turn of the year", () => {
    expect(outcome(parseScheduleJson(json([["2026-12-29", "workday"], ["2027-01-01", "holiday"]])))).toEqual({
      problems: [{ line: 1, field: "kind", code: "workday-on-weekday", args: { date: "2026-12-29" } }],
    });
  });
});
