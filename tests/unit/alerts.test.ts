// Reminders to the owner before each due of each open obligation, and the survey's reminder and close.
// The 三书一函 ladder is supervision's (tests/unit/supervision.test.ts): planAlerts never escalates.
import { describe, expect, it } from "vitest";
import { alertKey, planAlerts, scheduledAlerts, type AlertableCase } from "../../domain/alerts.ts";
import { beijingIso, instantOfBeijing } from "../../domain/calendar.ts";
import { DEFAULT_SLA_POLICIES, obligationsFor, type ObligationRecord } from "../../domain/obligations.ts";
import type { CaseKind, Obligation } from "../../domain/vocabulary.ts";
import { CHINESE_DAYS as cal } from "../support/chinese-days.ts";

const bj = (date: string, time = "09:00:00") => instantOfBeijing(date, time);

function openCase(kind: CaseKind, receivedAt: number, met: readonly Obligation[] = []): AlertableCase {
  const obligations = obligationsFor(cal, DEFAULT_SLA_POLICIES[kind], receivedAt).records.map((o) => (met.includes(o.obligation) ? { ...o, state: "met" as const, metAt: receivedAt, metBy: "sp-owner" } : o));
  return { status: "assigned", cycleStartedAt: receivedAt, resolvedAt: null, obligations };
}

/** Runs the cron every 5 minutes from `from` to `to`, as it would (looking again at nextAt), and returns when each key fired, once. */
function tick(c: AlertableCase, from: number, to: number): Map<string, string> {
  const fired = new Map<string, string>();
  let next: number | null = from;
  for (let now = from; now <= to; now += 5 * 60_000) {
    if (next === null || now < next) continue;
    const plan = planAlerts(cal, c, now);
    for (const alert of plan.due) if (!fired.has(alertKey(alert))) fired.set(alertKey(alert), beijingIso(now));
    next = plan.nextAt;
  }
  return fired;
}

/** An urgent appeal received Mon 2 Mar 2026 10:00: response and assessment due Tue 3 Mar, hearing due Thu 5 Mar. */
const urgent = openCase("urgent", bj("2026-03-02", "10:00:00"));
const due = (c: AlertableCase, obligation: Obligation) => c.obligations.find((o) => o.obligation === obligation)!.dueAt;

describe("reminders before each due", () => {
  it("every open obligation: the working day before and the due day at 09:00, then overdue once it has passed", () => {
    const fired = tick(urgent, urgent.cycleStartedAt, bj("2026-03-20"));
    const hearing = due(urgent, "hearing_held");
    const response = due(urgent, "first_response");
    expect(Object.fromEntries(fired)).toEqual({
      // Day before Tue 3 Mar is Mon 2 Mar 09:00, before the case arrived: not sent.
      [`remind:first_response:1:due_day:${response}`]: "2026-03-03T09:00:00+08:00",
      [`remind:assessment:1:due_day:${response}`]: "2026-03-03T09:00:00+08:00",
      [`remind:first_response:1:overdue:${response}`]: "2026-03-04T00:00:00+08:00",
      [`remind:assessment:1:overdue:${response}`]: "2026-03-04T00:00:00+08:00",
      [`remind:hearing_held:1:day_before:${hearing}`]: "2026-03-04T09:00:00+08:00",
      [`remind:hearing_held:1:due_day:${hearing}`]: "2026-03-05T09:00:00+08:00",
      [`remind:hearing_held:1:overdue:${hearing}`]: "2026-03-06T00:00:00+08:00",
    });
  });

  it("never escalates: the ladder is drafted by supervision", () => {
    const all = scheduledAlerts(cal, urgent).map(alertKey);
    expect(all.filter((k) => !k.startsWith("remind:"))).toEqual([]);
  });

  it("the working day before a due can be a make-up Saturday", () => {
    // Received Fri 13 Feb: response due make-up Sat 14 Feb; meeting after 7 working days (14, 24–28 Feb) on Mon 2 Mar.
    const feb = openCase("appointment", bj("2026-02-13", "10:00:00"));
    expect(scheduledAlerts(cal, feb).map((a) => [a.type === "reminder" ? `${a.obligation}:${a.step}` : a.type, beijingIso(a.at)])).toEqual([
      ["first_response:due_day", "2026-02-14T09:00:00+08:00"],
      ["first_response:overdue", "2026-02-14T23:59:59+08:00"],
      ["meeting_held:day_before", "2026-02-28T09:00:00+08:00"],
      ["meeting_held:due_day", "2026-03-02T09:00:00+08:00"],
      ["meeting_held:overdue", "2026-03-02T23:59:59+08:00"],
    ]);
    // An urgent appeal received Thu 12 Feb: hearing due Tue 24 Feb; the working day before it is Sat 14 Feb.
    const hearing = openCase("urgent", bj("2026-02-12", "10:00:00"));
    const dayBefore = scheduledAlerts(cal, hearing).find((a) => a.type === "reminder" && a.obligation === "hearing_held" && a.step === "day_before")!;
    expect(beijingIso(dayBefore.at)).toBe("2026-02-14T09:00:00+08:00");
  });

  it("an obligation on hours: an hour before, nights and holidays included", () => {
    const night = openCase("especially_urgent", bj("2026-02-17", "22:10:00"));
    const fired = tick(night, night.cycleStartedAt, bj("2026-02-18", "06:00:00"));
    const response = due(night, "first_response");
    expect(fired.get(`remind:first_response:1:within_hours:${response}`)).toBe("2026-02-17T23:10:00+08:00");
    expect(fired.get(`remind:assessment:1:within_hours:${response}`)).toBe("2026-02-17T23:10:00+08:00");
    // Due at 00:10:00 sharp: the tick at 00:10 is still in time; overdue at the next tick.
    expect(fired.get(`remind:first_response:1:overdue:${response}`)).toBe("2026-02-18T00:15:00+08:00");
    // The hearing runs on working days: nothing for it during the night.
    expect([...fired.keys()].filter((k) => k.includes("hearing_held"))).toEqual([]);
  });

  it("overdue only once the due has passed: met at the due instant is on time", () => {
    const exact = openCase("especially_urgent", bj("2026-02-13", "20:00:00"));
    const response = due(exact, "first_response");
    expect(planAlerts(cal, exact, response).due.map((a) => a.type === "reminder" && a.step)).not.toContain("overdue");
    expect(planAlerts(cal, exact, response + 1).due.map((a) => a.type === "reminder" && a.step)).toContain("overdue");
  });

  it("a met obligation is not reminded", () => {
    const acknowledged = openCase("urgent", urgent.cycleStartedAt, ["first_response"]);
    const plan = planAlerts(cal, acknowledged, bj("2026-03-03", "09:30:00"));
    expect(plan.due.map(alertKey)).toEqual([`remind:assessment:1:due_day:${due(urgent, "assessment")}`]);
  });

  it("sends only the latest reminder of each obligation to a case first seen late", () => {
    const plan = planAlerts(cal, urgent, bj("2026-03-05", "10:00:00"));
    expect(plan.due.map(alertKey)).toEqual([
      `remind:first_response:1:overdue:${due(urgent, "first_response")}`,
      `remind:assessment:1:overdue:${due(urgent, "assessment")}`,
      `remind:hearing_held:1:due_day:${due(urgent, "hearing_held")}`,
    ]);
    expect(plan.nextAt).toBe(due(urgent, "hearing_held") + 1);
  });

  it("a moved due is a new due, reminded afresh", () => {
    const moved: AlertableCase = { ...urgent, obligations: urgent.obligations.map((o) => (o.obligation === "hearing_held" ? { ...o, dueAt: bj("2026-03-10", "23:59:59"), moved: true } : o)) };
    const keys = scheduledAlerts(cal, moved).map(alertKey).filter((k) => k.includes("hearing_held"));
    expect(keys).toEqual([
      `remind:hearing_held:1:day_before:${bj("2026-03-10", "23:59:59")}`,
      `remind:hearing_held:1:due_day:${bj("2026-03-10", "23:59:59")}`,
      `remind:hearing_held:1:overdue:${bj("2026-03-10", "23:59:59")}`,
    ]);
  });

  it("a reopened case is reminded of its new cycle only, counted from the reopening", () => {
    const met = (o: ObligationRecord): ObligationRecord => ({ ...o, state: "met", metAt: bj("2026-03-04"), metBy: "sp-owner" });
    // Reopened Tue 10 Mar 10:00: the new response is due Wed 11 Mar; "due tomorrow" at 09:00 on 10 Mar came before the reopening.
    const reopenedAt = bj("2026-03-10", "10:00:00");
    const second = obligationsFor(cal, DEFAULT_SLA_POLICIES.urgent, reopenedAt, 2).records[0]!;
    const reopened: AlertableCase = { status: "in_progress", cycleStartedAt: reopenedAt, resolvedAt: null, obligations: [...urgent.obligations.map(met), second] };
    const keys = scheduledAlerts(cal, reopened).map(alertKey);
    expect(keys).toEqual([`remind:first_response:2:due_day:${second.dueAt}`, `remind:first_response:2:overdue:${second.dueAt}`]);
    // The tick right after the reopening sends nothing; the due day's reminder comes on 11 Mar.
    expect(planAlerts(cal, reopened, reopenedAt + 60_000)).toEqual({ due: [], nextAt: bj("2026-03-11") });
  });

  it.each(["withdrawn", "closed"] as const)("nothing for a %s case", (status) => {
    expect(planAlerts(cal, { ...urgent, status }, bj("2026-04-01"))).toEqual({ due: [], nextAt: null });
  });

  it("nothing once every obligation is met; the case waits for its resolution", () => {
    const done = openCase("policy", urgent.cycleStartedAt, ["first_response", "answer"]);
    expect(planAlerts(cal, done, bj("2026-03-03"))).toEqual({ due: [], nextAt: null });
  });
});

describe("the survey after resolution", () => {
  it("reminds after 3 working days without an answer, then closes without feedback", () => {
    const resolved: AlertableCase = { ...openCase("policy", urgent.cycleStartedAt, ["first_response", "answer"]), status: "resolved", resolvedAt: bj("2026-03-05", "16:00:00") };
    const fired = tick(resolved, resolved.resolvedAt!, bj("2026-03-31"));
    expect(Object.fromEntries(fired)).toEqual({ survey_reminder: "2026-03-11T09:00:00+08:00", close_without_feedback: "2026-03-16T09:00:00+08:00" });
  });

  it("counts working days across a holiday", () => {
    // Resolved Thu 12 Feb: 13, 14 (make-up), 24, 25 → reminder Wed 25 Feb; 26, 27, 28 → close Sat 28 Feb (make-up).
    const resolved: AlertableCase = { ...openCase("policy", bj("2026-02-02"), ["first_response", "answer"]), status: "resolved", resolvedAt: bj("2026-02-12", "16:00:00") };
    expect(scheduledAlerts(cal, resolved).map((a) => [a.type, beijingIso(a.at)])).toEqual([
      ["survey_reminder", "2026-02-25T09:00:00+08:00"],
      ["close_without_feedback", "2026-02-28T09:00:00+08:00"],
    ]);
  });
});
