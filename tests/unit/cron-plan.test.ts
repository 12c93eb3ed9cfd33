// The cron's schedule of a case (workers/jobs/alerts.ts): a tick every 5 minutes that plans a case
// only when the earlier of its reminders' and its ladder's next times has come (domain/alerts.ts,
// domain/supervision.ts), and at once when a notice is signed off (the case module sets
// next_alert_at = now then). What each plan does alone: alerts.test.ts and supervision.test.ts.
import { describe, expect, it } from "vitest";
import { ladderFrom } from "../../db/queries/supervision.ts";
import { alertKey, planAlerts, type AlertableCase } from "../../domain/alerts.ts";
import { beijingIso, instantOfBeijing } from "../../domain/calendar.ts";
import { DEFAULT_SLA_POLICIES, obligationsFor, type ObligationRecord } from "../../domain/obligations.ts";
import { DEFAULT_LADDER, planSupervision, type NoticeRecord } from "../../domain/supervision.ts";
import { CHINESE_DAYS as cal } from "../support/chinese-days.ts";

const bj = (date: string, time = "09:00:00") => instantOfBeijing(date, time);
const at = (instant: number) => beijingIso(instant).slice(0, 16);

/** An urgent appeal received Mon 2 Mar 2026 10:00: first response and assessment due Tue 3 Mar, the hearing Thu 5 Mar. */
function urgentCase(receivedAt = bj("2026-03-02", "10:00:00"), kind: "urgent" | "especially_urgent" = "urgent"): AlertableCase & { obligations: ObligationRecord[] } {
  return { status: "assigned", cycleStartedAt: receivedAt, resolvedAt: null, obligations: obligationsFor(cal, DEFAULT_SLA_POLICIES[kind], receivedAt).records };
}

interface Run {
  /** Alert keys with the time each was first due. */
  alerts: Map<string, number>;
  drafts: { level: number; obligation: string; at: number }[];
  voids: string[];
  signReminders: Map<string, number>;
  notices: NoticeRecord[];
}

/**
 * Ticks every 5 minutes from `from` to `to`, planning a case when its next time has come. A draft is
 * signed `signAfterMs` later (never, when null), which makes the case module ask for a fresh look.
 */
function run(c: AlertableCase & { obligations: ObligationRecord[] }, from: number, to: number, options: { signAfterMs?: number | null; change?: (now: number, c: AlertableCase & { obligations: ObligationRecord[] }) => boolean } = {}): Run {
  const signAfter = options.signAfterMs === undefined ? 30 * 60_000 : options.signAfterMs;
  const out: Run = { alerts: new Map(), drafts: [], voids: [], signReminders: new Map(), notices: [] };
  let next: number | null = from;
  for (let now = from; now <= to; now += 5 * 60_000) {
    for (const n of out.notices) {
      if (n.status === "draft" && signAfter !== null && now >= n.draftedAt + signAfter) {
        n.status = "signed";
        next = now;
      }
    }
    if (options.change?.(now, c)) next = now;
    if (next === null || now < next) continue;
    const alerts = planAlerts(cal, c, now);
    for (const a of alerts.due) if (!out.alerts.has(alertKey(a))) out.alerts.set(alertKey(a), now);
    const plan = planSupervision(cal, DEFAULT_LADDER, c.obligations, out.notices, c.status !== "closed", now);
    for (const step of plan.steps) {
      if (step.type === "draft") {
        out.drafts.push({ level: step.level, obligation: step.obligation.obligation, at: now });
        out.notices.push({ id: `n${step.level}`, level: step.level, status: "draft", obligation: step.obligation.obligation, draftedAt: now });
      } else if (step.type === "void") {
        out.voids.push(step.noticeId);
        out.notices.find((n) => n.id === step.noticeId)!.status = "void";
      } else if (!out.signReminders.has(step.noticeId)) {
        out.signReminders.set(step.noticeId, now);
      }
    }
    const times = [alerts.nextAt, plan.nextAt].filter((t): t is number => t !== null);
    next = times.length ? Math.max(Math.min(...times), now + 1) : null;
  }
  return out;
}

describe("the supervision ladder: one per case", () => {
  it("drafts each level once, driven by the most overdue obligation, at 09:00 on the working days after the missed due", () => {
    const c = urgentCase();
    const { drafts } = run(c, c.cycleStartedAt, bj("2026-03-20"));
    // First response (and assessment) due Tue 3 Mar: +1, +2, +4, +6 working days; four notices, not eight.
    expect(drafts.map((d) => [d.level, d.obligation, at(d.at)])).toEqual([
      [1, "first_response", "2026-03-04T09:00"],
      [2, "first_response", "2026-03-05T09:00"],
      [3, "first_response", "2026-03-09T09:00"], // the weekend does not count
      [4, "first_response", "2026-03-11T09:00"],
    ]);
  });

  it("runs on hours for an especially urgent appeal received on a holiday evening", () => {
    const c = urgentCase(bj("2026-02-16", "20:00:00"), "especially_urgent");
    const { drafts } = run(c, c.cycleStartedAt, bj("2026-02-17", "06:00:00"), { signAfterMs: 10 * 60_000 });
    // Response due 22:00; each level 1, 2, 4, 6 hours after it, signed 10 minutes after drafting.
    expect(drafts.map((d) => [d.level, at(d.at)])).toEqual([
      [1, "2026-02-16T23:00"],
      [2, "2026-02-17T00:00"],
      [3, "2026-02-17T02:00"],
      [4, "2026-02-17T04:00"],
    ]);
  });

  it("drafts the next level only after the waiting draft is signed, and reminds about an unsigned draft once, a working day later", () => {
    const c = urgentCase();
    const { drafts, signReminders } = run(c, c.cycleStartedAt, bj("2026-03-20"), { signAfterMs: null });
    expect(drafts.map((d) => d.level)).toEqual([1]);
    expect([...signReminders].map(([id, when]) => [id, at(when)])).toEqual([["n1", "2026-03-05T09:00"]]);
  });

  it("asks for a look when the draft it makes falls due for a sign-off reminder", () => {
    const c = urgentCase();
    const plan = planSupervision(cal, DEFAULT_LADDER, c.obligations, [], true, bj("2026-03-04", "09:05:00"));
    expect(plan.steps.map((s) => s.type)).toEqual(["draft"]);
    expect(at(plan.nextAt!)).toBe("2026-03-05T09:00");
  });

  it("voids a waiting draft once its obligation is met, and drafts nothing more", () => {
    const c = urgentCase();
    const metAt = bj("2026-03-04", "11:00:00");
    const { drafts, voids, alerts } = run(c, c.cycleStartedAt, bj("2026-03-04", "18:00:00"), {
      signAfterMs: null,
      change: (now, x) => {
        if (now !== metAt) return false;
        x.obligations = x.obligations.map((o) => (o.obligation === "hearing_held" ? o : { ...o, state: "met", metAt, metBy: "sp" }));
        return true;
      },
    });
    expect(drafts.map((d) => d.level)).toEqual([1]);
    expect(voids).toEqual(["n1"]);
    // The hearing is not overdue yet: its reminders go on, no notice.
    expect([...alerts.keys()].some((k) => k.startsWith("remind:hearing_held:1:day_before"))).toBe(true);
  });

  it("drafts the level again for the next missed obligation after a voided draft", () => {
    const c = urgentCase();
    const metAt = bj("2026-03-04", "11:00:00");
    const { drafts, voids } = run(c, c.cycleStartedAt, bj("2026-03-09", "12:00:00"), {
      signAfterMs: null,
      change: (now, x) => {
        if (now !== metAt) return false;
        x.obligations = x.obligations.map((o) => (o.obligation === "hearing_held" ? o : { ...o, state: "met", metAt, metBy: "sp" }));
        return true;
      },
    });
    // The hearing was due Thu 5 Mar: its level 1 falls due Fri 6 Mar at 09:00.
    expect(voids).toEqual(["n1"]);
    expect(drafts.map((d) => [d.level, d.obligation, at(d.at)])).toEqual([
      [1, "first_response", "2026-03-04T09:00"],
      [1, "hearing_held", "2026-03-06T09:00"],
    ]);
  });
});

describe("the ladder admins set (settings key supervision_ladder)", () => {
  it("overrides the default field by field, from JSON or an object", () => {
    expect(ladderFrom(undefined)).toEqual(DEFAULT_LADDER);
    expect(ladderFrom('{"hours":[1,3,5,8],"numberPrefix":"琼营商办督"}')).toEqual({ ...DEFAULT_LADDER, hours: [1, 3, 5, 8], numberPrefix: "琼营商办督" });
    expect(ladderFrom({ rectificationWorkingDays: 5 })).toEqual({ ...DEFAULT_LADDER, rectificationWorkingDays: 5 });
  });

  it("keeps the default when the stored value breaks a rule", () => {
    for (const bad of ["{not json", { workingDays: [1, 2, 4] }, { workingDays: [1, 2, 4, 99] }, { hours: [0, 1, 2, 3] }, { numberPrefix: "" }, [1, 2]]) {
      expect(ladderFrom(bad)).toEqual(DEFAULT_LADDER);
    }
  });
});
