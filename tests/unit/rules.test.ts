import { describe, expect, it } from "vitest";
import { instantOfBeijing, makeCalendar } from "../../domain/calendar.ts";
import { decide, type CaseSnapshot } from "../../domain/case-rules.ts";
import { DEFAULT_SLA_POLICIES, headlineDues, obligationsFor } from "../../domain/obligations.ts";
import { normaliseUscc, usccCheckCharacter, validateUscc } from "../../domain/uscc.ts";
import { CASE_STATUSES, isOpen } from "../../domain/vocabulary.ts";

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
    const dues = headlineDues(obligationsFor(cal2026, DEFAULT_SLA_POLICIES[kind], received).records, kind);
    expect(dues.firstResponseDueAt).toBe(instantOfBeijing(first, "23:59:59"));
    expect(dues.resolutionDueAt).toBe(instantOfBeijing(resolution, "23:59:59"));
  });

  it("especially urgent: a response within 2 calendar hours, even on a holiday night", () => {
    const night = instantOfBeijing("2026-02-17", "23:30:00");
    const dues = headlineDues(obligationsFor(cal2026, DEFAULT_SLA_POLICIES.especially_urgent, night).records, "especially_urgent");
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

// Every status × action × kind × role of the case rules: tests/unit/case-rules.test.ts.
describe("lifecycle", () => {
  const received = instantOfBeijing("2026-02-12", "10:00:00");
  const snapshot = (kind: CaseSnapshot["kind"], status: CaseSnapshot["status"]): CaseSnapshot => ({
    id: "case-1", ref: "HN-2026-000001", kind, status, version: 1, firmId: "firm-1", ownerId: "sp-1", ownerUnitId: "unit-1", pendingOwnerId: null,
    receivedAt: received, obligations: obligationsFor(cal2026, DEFAULT_SLA_POLICIES[kind], received).records, coHandlers: [],
  });
  const owner = { type: "specialist", id: "sp-1", role: "specialist", unitId: "unit-1" } as const;
  const meeting = { action: "schedule_meeting", date: "2026-02-26", time: "10:00", place: "Haikou", firmAsked: null, note: null } as const;
  const rules = { now: instantOfBeijing("2026-02-13", "10:00:00"), calendar: cal2026, policies: DEFAULT_SLA_POLICIES };

  it("schedules meetings only for meeting requests", () => {
    expect(decide(snapshot("policy", "acknowledged"), meeting, owner, rules)).toEqual({ ok: false, reason: "not_for_kind", args: {} });
    expect(decide(snapshot("urgent", "meeting_scheduled"), meeting, owner, rules)).toEqual({ ok: false, reason: "not_for_kind", args: {} });
    expect(decide(snapshot("appointment", "meeting_scheduled"), meeting, owner, rules)).toMatchObject({ ok: true, status: "meeting_scheduled" });
  });

  it("knows which statuses are open", () => {
    expect(CASE_STATUSES.filter(isOpen)).toEqual(["received", "assigned", "acknowledged", "in_progress", "meeting_scheduled"]);
  });
});
