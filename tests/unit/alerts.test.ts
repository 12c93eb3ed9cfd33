import { describe, expect, it } from "vitest";
import { alertKey, planAlerts, type AlertableCase } from "../../domain/alerts.ts";
import { instantOfBeijing, makeCalendar } from "../../domain/calendar.ts";

// Spring Festival 2026: off 15–23 Feb; make-up working days Sat 14 and Sat 28 Feb.
const cal = makeCalendar(
  [
    ...["15", "16", "17", "18", "19", "20", "21", "22", "23"].map((d) => ({ date: `2026-02-${d}`, kind: "holiday" as const })),
    { date: "2026-02-14", kind: "workday" as const },
    { date: "2026-02-28", kind: "workday" as const },
  ],
  [2026],
);
const bj = (date: string, time = "09:00:00") => instantOfBeijing(date, time);

/** An urgent appeal received Mon 2 Mar 2026 10:00: first response due Tue 3 Mar, resolution due Thu 5 Mar. */
const untouched: AlertableCase = {
  status: "assigned",
  receivedAt: bj("2026-03-02", "10:00:00"),
  acknowledgedAt: null,
  firstResponseDueAt: bj("2026-03-03", "23:59:59"),
  resolutionDueAt: bj("2026-03-05", "23:59:59"),
  resolvedAt: null,
};

/** Runs ticks every 5 minutes from `from` to `to` and returns what each alert key fired at, once. */
function tick(c: AlertableCase, from: number, to: number): Map<string, number> {
  const fired = new Map<string, number>();
  let next: number | null = from;
  for (let now = from; now <= to; now += 5 * 60_000) {
    if (next === null || now < next) continue;
    const plan = planAlerts(cal, c, now);
    for (const alert of plan.due) if (!fired.has(alertKey(alert))) fired.set(alertKey(alert), now);
    next = plan.nextAt;
  }
  return fired;
}

describe("reminders and the 三书一函 ladder", () => {
  it("a case left untouched climbs the whole ladder, once per step, at 09:00 on working days", () => {
    const fired = tick(untouched, untouched.receivedAt, bj("2026-03-20"));
    const escalations = [...fired].filter(([key]) => key.startsWith("escalate:first_response"));
    expect(escalations.map(([key, at]) => [key.split(":")[2], new Date(at).toISOString()])).toEqual([
      ["1", new Date(bj("2026-03-04")).toISOString()], // Wed: 1 working day after the due date
      ["2", new Date(bj("2026-03-05")).toISOString()],
      ["3", new Date(bj("2026-03-09")).toISOString()], // Mon: the weekend does not count
      ["4", new Date(bj("2026-03-11")).toISOString()],
    ]);
    expect([...fired.keys()].filter((k) => k.startsWith("escalate:resolution")).map((k) => k.split(":")[2])).toEqual(["1", "2", "3", "4"]);
    expect(fired.get(`remind:first_response:overdue:${untouched.firstResponseDueAt}`)).toBeGreaterThan(untouched.firstResponseDueAt);
    expect(fired.has(`remind:resolution:day_before:${untouched.resolutionDueAt}`)).toBe(true);
    expect(fired.has(`remind:resolution:due_day:${untouched.resolutionDueAt}`)).toBe(true);
  });

  it("skips the holidays between the due date and each step", () => {
    const beforeFestival: AlertableCase = { ...untouched, receivedAt: bj("2026-02-11"), firstResponseDueAt: bj("2026-02-12", "23:59:59"), resolutionDueAt: bj("2026-02-14", "23:59:59") };
    const fired = tick(beforeFestival, beforeFestival.receivedAt, bj("2026-03-10"));
    const steps = [...fired].filter(([k]) => k.startsWith("escalate:resolution")).map(([, at]) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10));
    // Due Sat 14 Feb (a make-up day); the next working days are 24, 25, 27 Feb and 2 Mar.
    expect(steps).toEqual(["2026-02-24", "2026-02-25", "2026-02-27", "2026-03-02"]);
  });

  it("stops the first-response ladder once the case is acknowledged", () => {
    const acknowledged = { ...untouched, status: "acknowledged" as const, acknowledgedAt: bj("2026-03-04", "10:00:00") };
    const plan = planAlerts(cal, acknowledged, bj("2026-03-05", "09:30:00"));
    expect(plan.due.map(alertKey).some((k) => k.includes("first_response"))).toBe(false);
    expect(plan.due.map(alertKey)).toEqual([`remind:resolution:due_day:${untouched.resolutionDueAt}`]);
  });

  it("sends only the latest reminder to a case first seen late, but every escalation step", () => {
    const plan = planAlerts(cal, untouched, bj("2026-03-05", "10:00:00"));
    expect(plan.due.map(alertKey)).toEqual([
      `remind:first_response:overdue:${untouched.firstResponseDueAt}`,
      `escalate:first_response:1:${untouched.firstResponseDueAt}`,
      `escalate:first_response:2:${untouched.firstResponseDueAt}`,
      `remind:resolution:due_day:${untouched.resolutionDueAt}`,
    ]);
    expect(plan.nextAt).toBe(untouched.resolutionDueAt);
  });

  it("has nothing for a withdrawn or closed case", () => {
    expect(planAlerts(cal, { ...untouched, status: "withdrawn" }, bj("2026-04-01"))).toEqual({ due: [], nextAt: null });
    expect(planAlerts(cal, { ...untouched, status: "closed" }, bj("2026-04-01"))).toEqual({ due: [], nextAt: null });
  });

  it("reminds about the survey after 3 working days, then closes without feedback", () => {
    const resolved = { ...untouched, status: "resolved" as const, resolvedAt: bj("2026-03-05", "16:00:00") };
    const fired = tick(resolved, resolved.resolvedAt!, bj("2026-03-31"));
    expect(new Date(fired.get("survey_reminder")! + 8 * 3_600_000).toISOString().slice(0, 16)).toBe("2026-03-11T09:00");
    expect(new Date(fired.get("close_without_feedback")! + 8 * 3_600_000).toISOString().slice(0, 16)).toBe("2026-03-16T09:00");
  });
});
