import { describe, expect, it } from "vitest";
import { EVENT_TYPES, investorSees } from "../../domain/vocabulary.ts";

describe("what investors see of a ledger", () => {
  it.each([
    ["notice_signed", false],
    ["notice_drafted", false],
    ["notice_replied", false],
    ["notice_voided", false],
    ["escalated", false],
    ["meeting_held", true],
    ["due_moved", true],
    ["assessed", true],
  ] as const)("%s → %s", (type, seen) => {
    expect(investorSees(type)).toBe(seen);
  });

  it("hides only supervision's exchanges with the unit: every other event stays visible", () => {
    expect(EVENT_TYPES.filter((type) => !investorSees(type))).toEqual(["notice_drafted", "notice_signed", "notice_replied", "notice_voided", "escalated", "reminder"]);
  });
});
