// The real working-day calendar for unit tests: the same chinese-days data the seed migration loads
// (2004–2026, with the 2026 State Council schedule: Spring Festival off 15–23 Feb, make-up days
// Sun 4 Jan, Sat 14 Feb, Sat 28 Feb, Sat 9 May, Sun 20 Sep, Sat 10 Oct).
import { readFileSync } from "node:fs";
import { makeCalendar, type WorkCalendar } from "../../domain/calendar.ts";

const data = JSON.parse(readFileSync(new URL("../../node_modules/chinese-days/dist/chinese-days.json", import.meta.url), "utf8")) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

export const CHINESE_DAYS: WorkCalendar = makeCalendar(
  [
    ...Object.keys(data.holidays).map((date) => ({ date, kind: "holiday" as const })),
    ...Object.keys(data.workdays).map((date) => ({ date, kind: "workday" as const })),
  ],
  Array.from({ length: 23 }, (_, i) => 2004 + i),
);
