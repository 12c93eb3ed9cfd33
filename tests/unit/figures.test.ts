import { describe, expect, it } from "vitest";
import { instantOfBeijing, makeCalendar } from "../../domain/calendar.ts";
import { average, parsePeriod, periodInstants, rate, summarize, type EscalationCount, type FigureGroup } from "../../domain/figures.ts";

const bj = (date: string, time = "10:00:00") => instantOfBeijing(date, time);
const NOW = bj("2026-03-31", "12:00:00");

// The 2026 Spring Festival as the State Council published it: off 15–23 Feb, make-up Sat 14 and Sat 28 Feb.
const spring = makeCalendar(
  [
    ...["15", "16", "17", "18", "19", "20", "21", "22", "23"].map((d) => ({ date: `2026-02-${d}`, kind: "holiday" as const })),
    { date: "2026-02-14", kind: "workday" as const },
    { date: "2026-02-28", kind: "workday" as const },
  ],
  [2026],
);

const unitA = { unitId: "unit-a", unitZh: "海口市", unitEn: "Haikou" };
const unitB = { unitId: "unit-b", unitZh: "三亚市", unitEn: "Sanya" };
const queue = { unitId: null, unitZh: null, unitEn: null };

/** `count` cases of unit A, assigned, with no outcome known yet, unless told otherwise. */
function group(changes: Partial<FigureGroup> = {}): FigureGroup {
  return { ...unitA, status: "assigned", feedback: null, firstResponseOnTime: null, resolutionOnTime: null, receivedDate: null, meetingDate: null, count: 1, ...changes };
}

describe("rate and average", () => {
  it.each([
    [23, 25, 0.92],
    [0, 4, 0],
    [4, 4, 1],
    [0, 0, null],
  ])("%i / %i → %s", (numerator, denominator, expected) => {
    expect(rate(numerator, denominator)).toBe(expected);
  });

  it.each([
    [10, 3, 3.3],
    [11, 3, 3.7],
    [7, 1, 7],
    [0, 0, null],
  ])("sum %i over %i → %s (one decimal)", (sum, count, expected) => {
    expect(average(sum, count)).toEqual({ sum, count, average: expected });
  });
});

describe("summarize (the on-time rule itself is SQL: tests/worker/figures.test.ts)", () => {
  it("counts closure over received minus withdrawn, and leaves withdrawn cases out of the on-time rates", () => {
    const { total } = summarize(
      [
        group({ status: "resolved", firstResponseOnTime: 1, resolutionOnTime: 1, count: 3 }),
        group({ status: "closed", firstResponseOnTime: 0, resolutionOnTime: 0 }),
        group({ status: "in_progress", firstResponseOnTime: 1, resolutionOnTime: 0, count: 2 }),
        group({ status: "withdrawn", firstResponseOnTime: 0, resolutionOnTime: 0, count: 4 }), // past both dues, but withdrawn: not late
        group({ status: "assigned" }), // not yet due: not known
      ],
      [],
      spring,
    );
    expect(total).toMatchObject({ received: 11, withdrawn: 4, closed: 4 });
    expect(total.closureRate).toEqual({ numerator: 4, denominator: 7, rate: 4 / 7 });
    expect(total.firstResponseOnTime).toEqual({ numerator: 5, denominator: 6, rate: 5 / 6 });
    expect(total.resolutionOnTime).toEqual({ numerator: 3, denominator: 6, rate: 0.5 });
  });

  it("gives null rates where nothing counts, as with only withdrawn cases", () => {
    const { total } = summarize([group({ status: "withdrawn", firstResponseOnTime: 0 })], [], spring);
    expect(total.closureRate.rate).toBeNull();
    expect(total.firstResponseOnTime).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(total.resolutionOnTime.rate).toBeNull();
    expect(total.satisfaction.rate).toBeNull();
    expect(total.avgWorkingDaysToMeeting.average).toBeNull();
  });

  it("rates satisfaction over the three answers, leaving out 'none' and no answer yet", () => {
    const feedback = ["satisfied", "basically_satisfied", "unsatisfied", "satisfied", "none", null] as const;
    const { total } = summarize(
      feedback.map((f) => group({ status: "closed", feedback: f })),
      [],
      spring,
    );
    expect(total.satisfaction).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
  });

  it("averages working days to the meeting across the Spring Festival and its make-up days, weighted by count", () => {
    const met = (receivedDate: string, meetingDate: string, count = 1) => group({ receivedDate, meetingDate, count });
    const { total } = summarize(
      [
        // Thu 12 Feb → Sat 28 Feb: 13 Fri, 14 Sat (make-up), 24–27 Tue–Fri, 28 Sat (make-up) = 7.
        met("2026-02-12", "2026-02-28"),
        // Fri 13 Feb → Tue 24 Feb: 14 Sat (make-up), then nothing until 24 = 2; two cases.
        met("2026-02-13", "2026-02-24", 2),
        // Same day: 0, and counted.
        met("2026-03-02", "2026-03-02"),
        // No meeting: not counted.
        group({ count: 5 }),
      ],
      [],
      spring,
    );
    expect(total.avgWorkingDaysToMeeting).toEqual({ sum: 11, count: 4, average: 2.8 });
  });

  it("groups per unit by id, the department queue last, with escalations by level and a total over all", () => {
    const escalations: EscalationCount[] = [
      { ...unitB, level: 1, count: 2 },
      { ...unitB, level: 3, count: 1 },
      { ...queue, level: 4, count: 1 },
      // A unit with escalations in the period but no case received in it still shows.
      { unitId: "unit-c", unitZh: "儋州市", unitEn: "Danzhou", level: 2, count: 5 },
    ];
    const figures = summarize([group({ ...queue }), group({ ...unitB }), group(), group({ ...unitB, status: "withdrawn" })], escalations, spring);
    expect(figures.units.map((u) => [u.unitId, u.unitEn, u.received, u.withdrawn, u.escalations])).toEqual([
      ["unit-a", "Haikou", 1, 0, [0, 0, 0, 0]],
      ["unit-b", "Sanya", 2, 1, [2, 0, 1, 0]],
      ["unit-c", "Danzhou", 0, 0, [0, 5, 0, 0]],
      [null, null, 1, 0, [0, 0, 0, 1]],
    ]);
    expect(figures.total).toMatchObject({ unitId: null, unitZh: null, received: 4, withdrawn: 1, escalations: [2, 5, 1, 1] });
  });
});

describe("parsePeriod", () => {
  const TODAY = "2026-05-14";
  it.each([
    ["", { ok: true, from: "2026-03-01", to: "2026-05-14" }],
    ["to=2026-01-31", { ok: true, from: "2025-11-01", to: "2026-01-31" }],
    ["from=2026-04-01", { ok: true, from: "2026-04-01", to: "2026-05-14" }],
    ["from=2026-02-01&to=2026-02-28", { ok: true, from: "2026-02-01", to: "2026-02-28" }],
    ["from=2024-02-29&to=2024-03-01", { ok: true, from: "2024-02-29", to: "2024-03-01" }],
    ["from=2026-03-03&to=2026-03-03", { ok: true, from: "2026-03-03", to: "2026-03-03" }],
    ["from=2024-01-01&to=2024-12-31", { ok: true, from: "2024-01-01", to: "2024-12-31" }], // 366 days
    ["from=2025-01-01&to=2026-01-01", { ok: true, from: "2025-01-01", to: "2026-01-01" }], // 366 days
    ["from=2025-01-01&to=2026-01-02", { ok: false, field: "to", rule: "span" }], // 367 days
    ["from=2026-02-30", { ok: false, field: "from", rule: "date" }],
    ["from=2025-02-29", { ok: false, field: "from", rule: "date" }],
    ["to=2026-13-01", { ok: false, field: "to", rule: "date" }],
    ["from=2026-3-1", { ok: false, field: "from", rule: "date" }],
    ["from=yesterday", { ok: false, field: "from", rule: "date" }],
    ["to=2026-05-14T00:00", { ok: false, field: "to", rule: "date" }],
    ["from=2026-05-01&to=2026-04-30", { ok: false, field: "to", rule: "order" }],
    ["from=2026-06-01", { ok: false, field: "to", rule: "order" }], // to defaults to today
  ])("?%s", (query, expected) => {
    expect(parsePeriod(new URLSearchParams(query), TODAY)).toEqual(expected);
  });

  it("turns a period into the instants of its Beijing dates: from midnight to the next day after `to`", () => {
    expect(periodInstants({ from: "2026-03-01", to: "2026-03-31" })).toEqual({
      start: Date.parse("2026-02-28T16:00:00Z"),
      end: Date.parse("2026-03-31T16:00:00Z"),
    });
  });
});
