import { describe, expect, it } from "vitest";
import { instantOfBeijing, makeCalendar } from "../../domain/calendar.ts";
import { average, onTime, parsePeriod, periodInstants, rate, summarize, type EscalationCount, type FigureCase } from "../../domain/figures.ts";

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

/** An urgent appeal received 2 Mar, due 3 Mar (first response) and 5 Mar (resolution), still open. */
function aCase(changes: Partial<FigureCase> = {}): FigureCase {
  return {
    ...unitA,
    kind: "urgent",
    status: "assigned",
    receivedAt: bj("2026-03-02"),
    firstResponseDueAt: bj("2026-03-03", "23:59:59"),
    acknowledgedAt: null,
    resolutionDueAt: bj("2026-03-05", "23:59:59"),
    resolvedAt: null,
    meetingAt: null,
    feedback: null,
    ...changes,
  };
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

describe("onTime: done at or before the due instant; unknown while open and not yet past due", () => {
  const due = bj("2026-03-03", "23:59:59");
  it.each([
    ["done exactly at due", due, due, true],
    ["done a millisecond late", due + 1, due, false],
    ["done early", due - 3_600_000, due, true],
    ["open, past due", null, due, false],
    ["open, due exactly now", null, NOW, null],
    ["open, not yet due", null, NOW + 1, null],
  ])("%s", (_, doneAt, dueAt, expected) => {
    expect(onTime(doneAt, dueAt, NOW)).toBe(expected);
  });
});

describe("summarize", () => {
  it("counts closure over received minus withdrawn, and leaves withdrawn cases out of the on-time rates", () => {
    const { total } = summarize(
      [
        aCase({ status: "resolved", acknowledgedAt: bj("2026-03-03", "23:59:59"), resolvedAt: bj("2026-03-05", "23:59:59") }),
        aCase({ status: "closed", acknowledgedAt: bj("2026-03-04"), resolvedAt: bj("2026-03-06") }),
        aCase({ status: "in_progress", acknowledgedAt: bj("2026-03-02", "11:00:00") }),
        aCase({ status: "withdrawn" }), // past both dues, but withdrawn: not late
        aCase({ status: "assigned", receivedAt: bj("2026-03-30"), firstResponseDueAt: NOW + 1, resolutionDueAt: NOW + 1 }),
      ],
      [],
      spring,
      NOW,
    );
    expect(total).toMatchObject({ received: 5, withdrawn: 1, closed: 2 });
    expect(total.closureRate).toEqual({ numerator: 2, denominator: 4, rate: 0.5 });
    // Known: the three acknowledged; the last is not yet due.
    expect(total.firstResponseOnTime).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    // Known: two resolved and the open in-progress one past its due.
    expect(total.resolutionOnTime).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
  });

  it("gives null rates where nothing counts, as with only withdrawn cases", () => {
    const { total } = summarize([aCase({ status: "withdrawn" })], [], spring, NOW);
    expect(total.closureRate.rate).toBeNull();
    expect(total.firstResponseOnTime).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(total.resolutionOnTime.rate).toBeNull();
    expect(total.satisfaction.rate).toBeNull();
    expect(total.avgWorkingDaysToMeeting.average).toBeNull();
  });

  it("rates satisfaction over the three answers, leaving out 'none' and no answer yet", () => {
    const feedback = ["satisfied", "basically_satisfied", "unsatisfied", "satisfied", "none", null] as const;
    const { total } = summarize(
      feedback.map((f) => aCase({ status: "closed", feedback: f })),
      [],
      spring,
      NOW,
    );
    expect(total.satisfaction).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });
  });

  it("averages working days to the meeting of appointments across the Spring Festival and its make-up days", () => {
    const appointment = (received: string, meeting: string) => aCase({ kind: "appointment", receivedAt: bj(received), meetingAt: bj(meeting, "15:00:00") });
    const { total } = summarize(
      [
        // Thu 12 Feb → Sat 28 Feb: 13 Fri, 14 Sat (make-up), 24–27 Tue–Fri, 28 Sat (make-up) = 7.
        appointment("2026-02-12", "2026-02-28"),
        // Fri 13 Feb → Tue 24 Feb: 14 Sat (make-up), then nothing until 24 = 2.
        appointment("2026-02-13", "2026-02-24"),
        // Same day: 0, and counted.
        appointment("2026-03-02", "2026-03-02"),
        // Not an appointment, or no meeting yet: not counted.
        aCase({ kind: "urgent", meetingAt: bj("2026-03-20") }),
        aCase({ kind: "appointment" }),
      ],
      [],
      spring,
      NOW,
    );
    expect(total.avgWorkingDaysToMeeting).toEqual({ sum: 9, count: 3, average: 3 });
  });

  it("groups per unit by id, the department queue last, with escalations by level and a total over all", () => {
    const escalations: EscalationCount[] = [
      { ...unitB, level: 1, count: 2 },
      { ...unitB, level: 3, count: 1 },
      { ...queue, level: 4, count: 1 },
      // A unit with escalations in the period but no case received in it still shows.
      { unitId: "unit-c", unitZh: "儋州市", unitEn: "Danzhou", level: 2, count: 5 },
    ];
    const figures = summarize([aCase({ ...queue }), aCase({ ...unitB }), aCase(), aCase({ ...unitB, status: "withdrawn" })], escalations, spring, NOW);
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
