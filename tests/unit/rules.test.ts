import { describe, expect, it } from "vitest";
import { instantOfBeijing, makeCalendar } from "../../domain/calendar.ts";
import { CASE_ACTIONS, CASE_STATUSES, isOpen, transition, type CaseAction, type CaseStatus } from "../../domain/lifecycle.ts";
import { computeDues, DEFAULT_SLA_POLICIES } from "../../domain/obligations.ts";
import { normaliseUscc, usccCheckCharacter, validateUscc } from "../../domain/uscc.ts";

const cal2026 = makeCalendar(
  [
    ...["2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"].map((date) => ({ date, kind: "holiday" as const })),
    { date: "2026-02-14", kind: "workday" as const },
    { date: "2026-02-28", kind: "workday" as const },
  ],
  [2026],
);

describe("SLA dues per kind", () => {
  const received = instantOfBeijing("2026-02-12", "10:00:00");
  it.each([
    ["appointment", "2026-02-13", "2026-02-28"],
    ["urgent", "2026-02-13", "2026-02-24"],
    ["policy", "2026-02-13", "2026-03-04"],
  ] as const)("%s: first response by the close of %s, resolution by the close of %s", (kind, first, resolution) => {
    const dues = computeDues(cal2026, DEFAULT_SLA_POLICIES[kind], received);
    expect(dues.firstResponseDueAt).toBe(instantOfBeijing(first, "23:59:59"));
    expect(dues.resolutionDueAt).toBe(instantOfBeijing(resolution, "23:59:59"));
  });

  it("especially urgent: a response within 2 calendar hours, even on a holiday night", () => {
    const night = instantOfBeijing("2026-02-17", "23:30:00");
    const dues = computeDues(cal2026, DEFAULT_SLA_POLICIES.especially_urgent, night);
    expect(dues.firstResponseDueAt).toBe(night + 2 * 3_600_000);
    expect(dues.resolutionDueAt).toBe(instantOfBeijing("2026-02-26", "23:59:59"));
  });
});

// A valid code built with the check character the standard defines.
const VALID = (() => {
  const first17 = "91460000MA5T0ABC1";
  return first17 + usccCheckCharacter(first17);
})();

describe("unified social credit code", () => {
  it("accepts a valid code, normalising case, spaces and full-width characters", () => {
    expect(validateUscc(VALID)).toEqual({ ok: true, value: VALID });
    expect(validateUscc(` ${VALID.toLowerCase()} `)).toEqual({ ok: true, value: VALID });
    const fullWidth = [...VALID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("");
    expect(normaliseUscc(fullWidth)).toBe(VALID);
  });

  it("accepts a real, published code", () => {
    // 91110000802100433B: a widely published code (China National Petroleum Corporation).
    expect(validateUscc("91110000802100433B").ok).toBe(true);
  });

  it.each([
    ["", { code: "empty" }],
    [VALID.slice(0, 17), { code: "length", length: 17 }],
    [`${VALID}1`, { code: "length", length: 19 }],
    [`${VALID.slice(0, 17)}${VALID[17] === "0" ? "1" : "0"}`, { code: "check_digit", expected: VALID[17] }],
    ["9146000I" + VALID.slice(8), { code: "illegal_character", position: 8, character: "I" }],
    ["O" + VALID.slice(1), { code: "illegal_character", position: 1, character: "O" }],
    ["91S" + VALID.slice(3), { code: "illegal_character", position: 3, character: "S" }],
    [VALID.slice(0, 10) + "V" + VALID.slice(11), { code: "illegal_character", position: 11, character: "V" }],
    [VALID.slice(0, 12) + "Z" + VALID.slice(13), { code: "illegal_character", position: 13, character: "Z" }],
    ["91A60000" + VALID.slice(8), { code: "division", position: 3 }],
  ])("refuses %j with %j", (input, error) => {
    expect(validateUscc(input)).toEqual({ ok: false, error });
  });
});

describe("lifecycle: every status × action", () => {
  const expected: Record<CaseStatus, Partial<Record<CaseAction, CaseStatus>>> = {
    received: { assign: "assigned", acknowledge: "acknowledged", reply: "acknowledged", request_info: "acknowledged", schedule_meeting: "meeting_scheduled", transfer: "received", accept_transfer: "assigned", withdraw: "withdrawn", add_message: "received" },
    assigned: { assign: "assigned", acknowledge: "acknowledged", reply: "acknowledged", request_info: "acknowledged", schedule_meeting: "meeting_scheduled", transfer: "assigned", accept_transfer: "assigned", resolve: "resolved", withdraw: "withdrawn", add_message: "assigned" },
    acknowledged: { reply: "in_progress", request_info: "in_progress", schedule_meeting: "meeting_scheduled", transfer: "acknowledged", accept_transfer: "acknowledged", resolve: "resolved", withdraw: "withdrawn", add_message: "acknowledged" },
    in_progress: { reply: "in_progress", request_info: "in_progress", schedule_meeting: "meeting_scheduled", transfer: "in_progress", accept_transfer: "in_progress", resolve: "resolved", withdraw: "withdrawn", add_message: "in_progress" },
    meeting_scheduled: { reply: "meeting_scheduled", request_info: "meeting_scheduled", reschedule_meeting: "meeting_scheduled", transfer: "meeting_scheduled", accept_transfer: "meeting_scheduled", resolve: "resolved", withdraw: "withdrawn", add_message: "meeting_scheduled" },
    resolved: { feedback_satisfied: "closed", close_without_feedback: "closed", feedback_unsatisfied: "in_progress" },
    closed: { feedback_unsatisfied: "in_progress" },
    withdrawn: {},
  };
  const pairs = CASE_STATUSES.flatMap((status) => CASE_ACTIONS.map((action) => [status, action] as const));

  it.each(pairs)("%s + %s", (status, action) => {
    const to = expected[status][action];
    const result = transition(status, action, "appointment");
    expect(result).toEqual(to ? { ok: true, to } : { ok: false, reason: "illegal_transition" });
  });

  it("schedules meetings only for meeting requests", () => {
    expect(transition("acknowledged", "schedule_meeting", "policy")).toEqual({ ok: false, reason: "not_for_kind" });
    expect(transition("meeting_scheduled", "reschedule_meeting", "urgent")).toEqual({ ok: false, reason: "not_for_kind" });
  });

  it("knows which statuses are open", () => {
    expect(CASE_STATUSES.filter(isOpen)).toEqual(["received", "assigned", "acknowledged", "in_progress", "meeting_scheduled"]);
  });
});
