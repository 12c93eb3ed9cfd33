// What each kind of case owes and by when (DOMAIN.md "What comes in, and what each case owes"),
// on the real 2026 State Council calendar.
import { describe, expect, it } from "vitest";
import { beijingIso, instantOfBeijing } from "../../domain/calendar.ts";
import {
  closeOf,
  DEFAULT_SLA_POLICIES,
  dueDate,
  headlineDues,
  mostOverdue,
  obligationsFor,
  openObligations,
  PRINCIPAL_OBLIGATION,
  termsOf,
  type ObligationRecord,
  type SlaPolicy,
} from "../../domain/obligations.ts";
import type { CaseKind } from "../../domain/vocabulary.ts";
import { CHINESE_DAYS as cal } from "../support/chinese-days.ts";

const bj = (date: string, time = "09:00:00") => instantOfBeijing(date, time);
const dues = (policy: SlaPolicy, receivedAt: number) => obligationsFor(cal, policy, receivedAt).records.map((o) => [o.obligation, o.clock, beijingIso(o.dueAt)]);

describe("dues per kind, received Thu 12 Feb 2026 10:00 (Spring Festival off 15–23 Feb; make-up Sat 14 and Sat 28 Feb)", () => {
  const received = bj("2026-02-12", "10:00:00");
  it.each([
    // 7 working days: 13, 14, 24, 25, 26, 27, 28 Feb: DOMAIN.md's example, ending on a make-up Saturday.
    ["appointment", [["first_response", "working_days", "2026-02-13T23:59:59+08:00"], ["meeting_held", "working_days", "2026-02-28T23:59:59+08:00"]]],
    ["urgent", [["first_response", "working_days", "2026-02-13T23:59:59+08:00"], ["assessment", "working_days", "2026-02-13T23:59:59+08:00"], ["hearing_held", "working_days", "2026-02-24T23:59:59+08:00"]]],
    ["especially_urgent", [["first_response", "hours", "2026-02-12T12:00:00+08:00"], ["assessment", "hours", "2026-02-12T12:00:00+08:00"], ["hearing_held", "working_days", "2026-02-24T23:59:59+08:00"]]],
    ["policy", [["first_response", "working_days", "2026-02-13T23:59:59+08:00"], ["answer", "working_days", "2026-03-04T23:59:59+08:00"]]],
    ["ordinary", [["first_response", "working_days", "2026-02-13T23:59:59+08:00"], ["answer", "working_days", "2026-03-04T23:59:59+08:00"]]],
  ] as const)("%s", (kind, expected) => {
    expect(dues(DEFAULT_SLA_POLICIES[kind], received)).toEqual(expected);
  });

  it("every obligation starts open, unmoved, in cycle 1, with its original due", () => {
    for (const o of obligationsFor(cal, DEFAULT_SLA_POLICIES.urgent, received).records) {
      expect(o).toMatchObject({ cycle: 1, state: "open", metAt: null, metBy: null, moved: false, originalDueAt: o.dueAt });
    }
  });
});

describe("especially urgent (情况特别紧急): 2 calendar hours, nights and holidays included", () => {
  it.each([
    ["a Spring Festival night", "2026-02-17", "23:30:00", "2026-02-18T01:30:00+08:00", "2026-02-26T23:59:59+08:00"],
    ["a Friday evening before the festival", "2026-02-13", "20:00:00", "2026-02-13T22:00:00+08:00", "2026-02-25T23:59:59+08:00"],
    ["New Year's Eve", "2026-12-31", "23:00:00", "2027-01-01T01:00:00+08:00", null],
  ])("received on %s", (_, date, time, response, hearing) => {
    const records = obligationsFor(cal, DEFAULT_SLA_POLICIES.especially_urgent, bj(date, time)).records;
    expect(beijingIso(records[0]!.dueAt)).toBe(response);
    expect(beijingIso(records[1]!.dueAt)).toBe(response);
    if (hearing) expect(beijingIso(records[2]!.dueAt)).toBe(hearing);
  });
});

describe("working days", () => {
  it.each([
    ["received on a holiday", "2026-02-18", "2026-02-24"],
    ["received on a make-up Saturday", "2026-02-14", "2026-02-24"],
    ["received on a Sunday", "2026-03-01", "2026-03-02"],
    ["received before National Day", "2026-09-30", "2026-10-08"],
  ])("first response %s is due the next working day", (_, date, due) => {
    expect(dueDate(obligationsFor(cal, DEFAULT_SLA_POLICIES.policy, bj(date, "15:00:00")).records[0]!.dueAt)).toBe(due);
  });

  it("received at 23:59 Beijing, a UTC afternoon, counts from that Beijing date", () => {
    const late = bj("2026-03-02", "23:59:00");
    expect(dueDate(obligationsFor(cal, DEFAULT_SLA_POLICIES.policy, late).records[0]!.dueAt)).toBe("2026-03-03");
  });

  it("warns once for a year with no loaded schedule", () => {
    const { records, warnings } = obligationsFor(cal, DEFAULT_SLA_POLICIES.policy, bj("2026-12-28", "10:00:00"));
    expect(warnings).toEqual([{ code: "year_not_loaded", year: 2027 }]);
    expect(dueDate(records[1]!.dueAt)).toBe("2027-01-11");
    expect(obligationsFor(cal, DEFAULT_SLA_POLICIES.policy, bj("2026-03-02")).warnings).toEqual([]);
  });
});

describe("policies", () => {
  it.each([
    ["appointment", [["first_response", "working_days", 1], ["meeting_held", "working_days", 7]]],
    ["urgent", [["first_response", "working_days", 1], ["assessment", "working_days", 1], ["hearing_held", "working_days", 3]]],
    ["especially_urgent", [["first_response", "hours", 2], ["assessment", "hours", 2], ["hearing_held", "working_days", 3]]],
    ["policy", [["first_response", "working_days", 1], ["answer", "working_days", 10]]],
    ["ordinary", [["first_response", "working_days", 1], ["answer", "working_days", 10]]],
  ] as const)("%s owes by default: %j", (kind, terms) => {
    expect(termsOf(DEFAULT_SLA_POLICIES[kind]).map((t) => [t.obligation, t.clock, t.amount])).toEqual(terms);
  });

  it("the numbers admins change are used", () => {
    const received = bj("2026-02-12", "10:00:00");
    expect(dues({ kind: "appointment", firstResponseWorkingDays: 2, firstResponseHours: null, resolutionWorkingDays: 5 }, received)).toEqual([
      ["first_response", "working_days", "2026-02-14T23:59:59+08:00"],
      ["meeting_held", "working_days", "2026-02-26T23:59:59+08:00"],
    ]);
    expect(dues({ kind: "especially_urgent", firstResponseWorkingDays: 1, firstResponseHours: 4, resolutionWorkingDays: 2 }, received)).toEqual([
      ["first_response", "hours", "2026-02-12T14:00:00+08:00"],
      ["assessment", "hours", "2026-02-12T14:00:00+08:00"],
      ["hearing_held", "working_days", "2026-02-14T23:59:59+08:00"],
    ]);
  });

  it("a kind's principal obligation", () => {
    expect(PRINCIPAL_OBLIGATION).toEqual({ appointment: "meeting_held", urgent: "hearing_held", especially_urgent: "hearing_held", policy: "answer", ordinary: "answer" });
  });
});

describe("reading a case's obligations", () => {
  const received = bj("2026-03-02", "10:00:00");
  const cycle1 = obligationsFor(cal, DEFAULT_SLA_POLICIES.urgent, received).records;
  const met = (o: ObligationRecord): ObligationRecord => ({ ...o, state: "met", metAt: received + 3_600_000, metBy: "sp-owner" });

  it("open obligations: the current cycle's, earliest due first", () => {
    const reopened = [...cycle1.map(met), ...obligationsFor(cal, DEFAULT_SLA_POLICIES.urgent, bj("2026-03-10"), 2).records.slice(0, 1)];
    expect(openObligations(reopened).map((o) => [o.obligation, o.cycle])).toEqual([["first_response", 2]]);
    const shuffled = [cycle1[2]!, cycle1[0]!, cycle1[1]!];
    expect(openObligations(shuffled).map((o) => o.obligation)).toEqual(["first_response", "assessment", "hearing_held"]);
    expect(openObligations([met(cycle1[0]!), { ...cycle1[1]!, state: "cancelled" }, cycle1[2]!]).map((o) => o.obligation)).toEqual(["hearing_held"]);
  });

  it("most overdue: the open one whose due passed longest ago", () => {
    expect(mostOverdue(cycle1, bj("2026-03-03", "12:00:00"))).toBeUndefined();
    expect(mostOverdue(cycle1, bj("2026-03-09"))?.obligation).toBe("first_response");
    expect(mostOverdue([met(cycle1[0]!), met(cycle1[1]!), cycle1[2]!], bj("2026-03-09"))?.obligation).toBe("hearing_held");
    expect(mostOverdue([met(cycle1[0]!), met(cycle1[1]!), cycle1[2]!], bj("2026-03-04"))).toBeUndefined();
    // Met at the due instant itself is not overdue.
    expect(mostOverdue(cycle1, cycle1[0]!.dueAt)).toBeUndefined();
  });

  it.each([
    ["appointment", "2026-03-03", "2026-03-11"],
    ["urgent", "2026-03-03", "2026-03-05"],
    ["especially_urgent", null, "2026-03-05"],
    ["policy", "2026-03-03", "2026-03-16"],
    ["ordinary", "2026-03-03", "2026-03-16"],
  ] as const)("headline dues of %s: first response %s, principal obligation %s", (kind: CaseKind, first, principal) => {
    const records = obligationsFor(cal, DEFAULT_SLA_POLICIES[kind], received).records;
    const headline = headlineDues(records, kind);
    expect(headline.firstResponseDueAt).toBe(first ? closeOf(first) : received + 2 * 3_600_000);
    expect(headline.resolutionDueAt).toBe(closeOf(principal));
  });

  it("headline dues follow a moved due and a reopening", () => {
    const moved = cycle1.map((o) => (o.obligation === "hearing_held" ? { ...o, dueAt: closeOf("2026-03-12"), moved: true } : met(o)));
    const second = obligationsFor(cal, DEFAULT_SLA_POLICIES.urgent, bj("2026-03-10"), 2).records[0]!;
    expect(headlineDues([...moved, second], "urgent")).toEqual({ firstResponseDueAt: closeOf("2026-03-11"), resolutionDueAt: closeOf("2026-03-12") });
  });

  it("the close of a Beijing date", () => {
    expect(new Date(closeOf("2026-02-28")).toISOString()).toBe("2026-02-28T15:59:59.000Z");
    expect(dueDate(closeOf("2026-02-28"))).toBe("2026-02-28");
  });
});
