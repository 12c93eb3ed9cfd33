// The supervisors' figures against the real database: rows seeded in the autumn of 2019, a period
// no other test writes in, so the all-units total is ours alone.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client.ts";
import { loadFigures } from "../../db/queries/figures.ts";
import { instantOfBeijing } from "../../domain/calendar.ts";
import { PRINCIPAL_OBLIGATION } from "../../domain/obligations.ts";
import type { CaseKind } from "../../domain/vocabulary.ts";
import { randomUscc } from "./support/data.ts";

const bj = (date: string, time = "10:00:00") => instantOfBeijing(date, time);
const close = (date: string) => bj(date, "23:59:59");
const PERIOD = { from: "2019-09-01", to: "2019-10-31" };
const NOW = bj("2019-11-05", "12:00:00");

const suffix = crypto.randomUUID().slice(0, 8);
const unitA = `fig-a-${suffix}`;
const unitB = `fig-b-${suffix}`;

interface Seed {
  id: string;
  owner: string | null;
  kind?: string;
  status: string;
  received: number;
  firstDue: number;
  resolutionDue: number;
  ack?: number;
  resolved?: number;
  meeting?: number;
  feedback?: string;
  level?: number;
}

// 2019: Mid-Autumn off Fri 13 Sep; National Day off 1–7 Oct, make-up working days Sun 29 Sep and Sat 12 Oct.
const CASES: Seed[] = [
  // Unit A. 00:30 in Beijing on 1 Sep is still 31 Aug in UTC: inside the period.
  { id: "a-early", owner: "sp-a", status: "received", received: bj("2019-09-01", "00:30:00"), firstDue: close("2019-09-02"), resolutionDue: close("2019-09-04") },
  { id: "a-done", owner: "sp-a", status: "resolved", received: bj("2019-09-02"), firstDue: close("2019-09-03"), resolutionDue: close("2019-09-05"), ack: close("2019-09-03"), resolved: close("2019-09-05"), feedback: "satisfied", level: 1 },
  // Fri 27 Sep → Tue 8 Oct: Sun 29 (make-up), Mon 30, then the holiday, Tue 8 = 3 working days.
  { id: "a-meet", owner: "sp-a", kind: "appointment", status: "closed", received: bj("2019-09-27"), firstDue: close("2019-09-29"), resolutionDue: close("2019-10-09"), ack: bj("2019-09-30"), meeting: bj("2019-10-08", "15:00:00"), resolved: bj("2019-10-10"), feedback: "unsatisfied" },
  { id: "a-withdrawn", owner: "sp-a", status: "withdrawn", received: bj("2019-09-03"), firstDue: close("2019-09-04"), resolutionDue: close("2019-09-06") },
  { id: "a-last", owner: "sp-a", status: "assigned", received: close("2019-10-31"), firstDue: close("2019-11-01"), resolutionDue: close("2019-11-14") },
  { id: "a-after", owner: "sp-a", status: "assigned", received: bj("2019-11-01", "00:30:00"), firstDue: close("2019-11-04"), resolutionDue: close("2019-11-06") },
  // Unit B.
  { id: "b-late", owner: "sp-b", kind: "policy", status: "in_progress", received: bj("2019-09-16"), firstDue: close("2019-09-17"), resolutionDue: close("2019-09-30"), ack: bj("2019-09-17"), level: 2 },
  // Mon 9 Sep → Fri 20 Sep: 10–12, then Mid-Autumn (13–15), 16–20 = 8 working days.
  { id: "b-meet", owner: "sp-b", kind: "appointment", status: "meeting_scheduled", received: bj("2019-09-09"), firstDue: close("2019-09-10"), resolutionDue: close("2019-11-20"), ack: bj("2019-09-10"), meeting: bj("2019-09-20") },
  { id: "b-none", owner: "sp-b", status: "closed", received: bj("2019-10-14"), firstDue: close("2019-10-15"), resolutionDue: close("2019-10-17"), ack: bj("2019-10-14", "11:00:00"), resolved: bj("2019-10-16"), feedback: "none" },
  { id: "b-old", owner: "sp-b", status: "in_progress", received: bj("2019-08-01"), firstDue: close("2019-08-02"), resolutionDue: close("2019-08-06"), ack: bj("2019-08-02"), level: 3 },
  // The department queue.
  { id: "queue", owner: null, status: "received", received: bj("2019-10-10"), firstDue: close("2019-10-11"), resolutionDue: close("2019-10-16") },
];

/**
 * [case, level, signed at (null: never signed), status, the unit addressed]: supervision notices,
 * some outside the period, some never issued, one addressed to another unit than its case's owner's.
 */
const NOTICES: [string, number, number | null, "signed" | "draft" | "void", "A" | "B"][] = [
  ["a-done", 1, bj("2019-09-04", "09:00:00"), "signed", "A"],
  ["a-done", 2, bj("2019-11-01", "09:00:00"), "signed", "A"], // after the period
  ["b-late", 1, bj("2019-10-08", "09:00:00"), "signed", "B"],
  ["b-late", 2, bj("2019-10-09", "09:00:00"), "signed", "B"],
  ["b-late", 3, null, "draft", "B"], // awaiting sign-off: not issued
  ["b-meet", 1, null, "void", "B"], // voided: not issued
  ["b-old", 1, bj("2019-08-05", "09:00:00"), "signed", "B"], // before the period
  ["b-old", 3, bj("2019-09-03", "09:00:00"), "signed", "B"], // in the period, for a case received before it
  // Unit A owns the case, but the notice was addressed to unit B (the case's unit when it was signed).
  ["a-meet", 1, bj("2019-10-15", "09:00:00"), "signed", "B"],
];
const id = (name: string) => `fig-${suffix}-${name}`;

/** A stored obligation: met when `metAt` is given, else open (or as `state` says). */
function obligation(caseId: string, name: string, cycle: number, dueAt: number, metAt: number | null, state = metAt === null ? "open" : "met") {
  return {
    sql: `INSERT INTO case_obligations (case_id, obligation, cycle, clock, due_at, original_due_at, state, met_at, met_by) VALUES (?, ?, ?, 'working_days', ?, ?, ?, ?, ?)`,
    args: [caseId, name, cycle, dueAt, dueAt, state, metAt, metAt === null ? null : "sp"],
  };
}

/** Cycle 1's first response (met at the acknowledgement) and principal obligation (met at the meeting, or else the resolution). */
const obligationsOf = (c: Seed) => [
  obligation(id(c.id), "first_response", 1, c.firstDue, c.ack ?? null),
  obligation(id(c.id), PRINCIPAL_OBLIGATION[(c.kind ?? "urgent") as CaseKind], 1, c.resolutionDue, c.meeting ?? c.resolved ?? null),
];

beforeAll(async () => {
  const { client } = openDb({ url: env.LIBSQL_URL as string });
  const firm = id("firm");
  await client.batch([
    { sql: "INSERT INTO units (id, name_zh, name_en, kind, created_at) VALUES (?, '海口市', 'Haikou', 'city', 0), (?, '三亚市', 'Sanya', 'city', 0)", args: [unitA, unitB] },
    { sql: "INSERT INTO specialists (id, name, unit_id, role, created_at) VALUES (?, '专员甲', ?, 'specialist', 0), (?, '专员乙', ?, 'specialist', 0)", args: [id("sp-a"), unitA, id("sp-b"), unitB] },
    { sql: "INSERT INTO firms (id, uscc, area_code, industry, foreign_invested, created_at) VALUES (?, ?, 'haikou', 'trade', 1, 0)", args: [firm, randomUscc()] },
    ...CASES.map((c) => ({
      sql: `INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at,
                               acknowledged_at, meeting_at, resolved_at, feedback, escalation_level, updated_at)
            VALUES (?, ?, ?, ?, ?, '事项', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      args: [id(c.id), `HN-2019-${suffix}-${c.id}`, firm, c.kind ?? "urgent", c.status, c.owner && id(c.owner), c.received, c.firstDue, c.resolutionDue, c.ack ?? null, c.meeting ?? null, c.resolved ?? null, c.feedback ?? null, c.level ?? 0],
    })),
    ...CASES.flatMap(obligationsOf),
    ...NOTICES.map(([name, level, signedAt, status, addressed], i) => ({
      sql: `INSERT INTO supervision_notices (id, case_id, level, notice, obligation, missed_due_at, unit_id, status, drafted_at, number, signed_at, signed_by, deadline_at, text)
            VALUES (?, ?, ?, 'reminder_letter', 'first_response', 0, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        id(`notice-${i}`), id(name), level, addressed === "A" ? unitA : unitB, status, (signedAt ?? bj("2019-10-20")) - 3_600_000,
        signedAt === null ? null : `琼营商督〔2019〕${suffix}-${i}号`, signedAt, signedAt === null ? null : "officer", signedAt, signedAt === null ? null : "督办",
      ],
    })),
    // The ledger's escalation events of before the case engine v2 are not what the figures count.
    { sql: "INSERT INTO case_events (case_id, at, actor_type, type, data) VALUES (?, ?, 'system', 'escalated', '{\"level\":1}')", args: [id("b-late"), bj("2019-09-17")] },
  ]);
});

const ratio = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator === 0 ? null : numerator / denominator });

const A = {
  unitId: unitA, unitZh: "海口市", unitEn: "Haikou", received: 5, withdrawn: 1, closed: 2,
  // a-meet's meeting was held by its due (8 Oct), resolved a day after it (10 Oct): on time.
  closureRate: ratio(2, 4), firstResponseOnTime: ratio(1, 4), resolutionOnTime: ratio(2, 3), satisfaction: ratio(1, 2),
  avgWorkingDaysToMeeting: { sum: 3, count: 1, average: 3 }, escalations: [1, 0, 0, 0],
};
const B = {
  unitId: unitB, unitZh: "三亚市", unitEn: "Sanya", received: 3, withdrawn: 0, closed: 1,
  // b-meet's meeting on 20 Sep was held before its due: on time, though the case is not resolved.
  closureRate: ratio(1, 3), firstResponseOnTime: ratio(3, 3), resolutionOnTime: ratio(2, 3), satisfaction: ratio(0, 0),
  // Notices signed in the period against unit B: b-late's levels 1 and 2, b-old's 3, and a-meet's 1 addressed to B.
  avgWorkingDaysToMeeting: { sum: 8, count: 1, average: 8 }, escalations: [2, 1, 1, 0],
};

describe("loadFigures", () => {
  it("computes per unit, the department queue and the total in one round trip", async () => {
    const handle = openDb({ url: env.LIBSQL_URL as string });
    const figures = await loadFigures(handle, {}, PERIOD, NOW);
    expect(handle.roundTrips()).toBe(1);
    expect(figures.units.find((u) => u.unitId === unitA)).toEqual(A);
    expect(figures.units.find((u) => u.unitId === unitB)).toEqual(B);
    expect(figures.units.at(-1)).toMatchObject({ unitId: null, received: 1, closureRate: ratio(0, 1), firstResponseOnTime: ratio(0, 1), escalations: [0, 0, 0, 0] });
    expect(figures.total).toEqual({
      unitId: null, unitZh: null, unitEn: null, received: 9, withdrawn: 1, closed: 3,
      closureRate: ratio(3, 8), firstResponseOnTime: ratio(4, 8), resolutionOnTime: ratio(4, 7), satisfaction: ratio(1, 2),
      avgWorkingDaysToMeeting: { sum: 11, count: 2, average: 5.5 }, escalations: [3, 1, 1, 0],
    });
  });

  it("shows one unit only when scoped to it: no other unit, no queue, and a total of its own", async () => {
    const handle = openDb({ url: env.LIBSQL_URL as string });
    const figures = await loadFigures(handle, { unitId: unitA }, PERIOD, NOW);
    expect(figures.units).toEqual([A]);
    expect(figures.total).toEqual({ ...A, unitId: null, unitZh: null, unitEn: null });
  });

  it("counts a notice by the date of its sign-off, whenever its case was received", async () => {
    const handle = openDb({ url: env.LIBSQL_URL as string });
    const figures = await loadFigures(handle, { unitId: unitB }, { from: "2019-09-01", to: "2019-09-30" }, NOW);
    expect(figures.units.map((u) => [u.unitId, u.received, u.escalations])).toEqual([[unitB, 2, [0, 0, 1, 0]]]);
  });

  it("applies the on-time rule at its edges, in SQL: exactly at the due instant is on time, a millisecond later is late, open and due exactly now is not known yet", async () => {
    const { client } = openDb({ url: env.LIBSQL_URL as string });
    const unitC = `fig-c-${suffix}`;
    const now = bj("2018-06-20", "12:00:00");
    const due = close("2018-06-05");
    // [name, acknowledged_at, first_response_due_at, kind, meeting_at]
    const edges: [string, number | null, number, string, number | null][] = [
      ["at-due", due, due, "urgent", null],
      ["ms-late", due + 1, due, "urgent", null],
      ["open-past", null, now - 1, "urgent", null],
      ["open-now", null, now, "urgent", null],
      // Received Mon 4 June; the meeting at 00:30 Beijing on Wed 6 June (still 5 June in UTC) = 2 working days.
      ["meet", bj("2018-06-04", "11:00:00"), due, "appointment", bj("2018-06-06", "00:30:00")],
    ];
    await client.batch([
      { sql: "INSERT INTO units (id, name_zh, name_en, kind, created_at) VALUES (?, '儋州市', 'Danzhou', 'city', 0)", args: [unitC] },
      { sql: "INSERT INTO specialists (id, name, unit_id, role, created_at) VALUES (?, '专员丙', ?, 'specialist', 0)", args: [id("sp-c"), unitC] },
      ...edges.map(([name, ack, firstDue, kind, meeting]) => ({
        sql: `INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at, acknowledged_at, meeting_at, updated_at)
              VALUES (?, ?, ?, ?, 'in_progress', '事项', '{}', ?, ?, ?, ?, ?, ?, 0)`,
        args: [id(name), `HN-2018-${suffix}-${name}`, id("firm"), kind, id("sp-c"), bj("2018-06-04"), firstDue, now + 1, ack, meeting],
      })),
      ...edges.map(([name, ack, firstDue]) => obligation(id(name), "first_response", 1, firstDue, ack)),
    ]);
    const figures = await loadFigures(openDb({ url: env.LIBSQL_URL as string }), { unitId: unitC }, { from: "2018-06-01", to: "2018-06-30" }, now);
    // Known: at-due (on time), ms-late and open-past (late), meet (on time); open-now is not known yet.
    expect(figures.total.firstResponseOnTime).toEqual(ratio(2, 4));
    expect(figures.total.resolutionOnTime).toEqual(ratio(0, 0));
    expect(figures.total.avgWorkingDaysToMeeting).toEqual({ sum: 2, count: 1, average: 2 });
  });

  it("judges cycle 1's obligations: the principal one met by its due (not the resolution), any first step, a reopened case's original dues", async () => {
    const { client } = openDb({ url: env.LIBSQL_URL as string });
    const unitD = `fig-d-${suffix}`;
    const now = bj("2018-07-31", "12:00:00");
    const received = bj("2018-07-02");
    const firstDue = close("2018-07-03");
    const principalDue = close("2018-07-11");
    // [name, kind, status, acknowledged_at, resolved_at, resolution_due_at as the case row shows it, obligations]
    const seeds: [string, string, string, number | null, number | null, number, (caseId: string) => ReturnType<typeof obligation>[]][] = [
      // The meeting held on its due day, the resolution recorded the next day: on time.
      ["held-on-day", "appointment", "resolved", bj("2018-07-02", "11:00:00"), bj("2018-07-12"), principalDue, (c) => [obligation(c, "first_response", 1, firstDue, bj("2018-07-02", "11:00:00")), obligation(c, "meeting_held", 1, principalDue, close("2018-07-11"))]],
      // The first step was a reply, not an acknowledgement (acknowledged_at stays empty): the response was on time.
      ["replied-first", "policy", "in_progress", null, null, now + 1, (c) => [obligation(c, "first_response", 1, firstDue, bj("2018-07-03")), obligation(c, "answer", 1, now + 1, null)]],
      // Reopened by an unsatisfied firm: cycle 2's response is overdue, but cycle 1 was on time; the case row's due moved on.
      ["reopened", "urgent", "in_progress", bj("2018-07-02", "11:00:00"), null, close("2018-07-20"), (c) => [
        obligation(c, "first_response", 1, firstDue, bj("2018-07-02", "11:00:00")),
        obligation(c, "hearing_held", 1, principalDue, bj("2018-07-05")),
        obligation(c, "first_response", 2, close("2018-07-20"), null),
      ]],
      // The answer given a day late though resolved the same day: late.
      ["answered-late", "policy", "resolved", bj("2018-07-02", "11:00:00"), bj("2018-07-12", "11:00:00"), close("2018-07-16"), (c) => [obligation(c, "first_response", 1, firstDue, bj("2018-07-02", "11:00:00")), obligation(c, "answer", 1, principalDue, bj("2018-07-12"))]],
      // Downgraded to ordinary: the hearing is cancelled, the answer (the principal obligation now) not due yet: not known.
      ["downgraded", "ordinary", "in_progress", bj("2018-07-02", "11:00:00"), null, now + 1, (c) => [
        obligation(c, "first_response", 1, firstDue, bj("2018-07-02", "11:00:00")),
        obligation(c, "hearing_held", 1, principalDue, null, "cancelled"),
        obligation(c, "answer", 1, now + 1, null),
      ]],
    ];
    await client.batch([
      { sql: "INSERT INTO units (id, name_zh, name_en, kind, created_at) VALUES (?, '文昌市', 'Wenchang', 'city', 0)", args: [unitD] },
      { sql: "INSERT INTO specialists (id, name, unit_id, role, created_at) VALUES (?, '专员丁', ?, 'specialist', 0)", args: [id("sp-d"), unitD] },
      ...seeds.map(([name, kind, status, ack, resolved, resolutionDue]) => ({
        sql: `INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at, acknowledged_at, resolved_at, updated_at)
              VALUES (?, ?, ?, ?, ?, '事项', '{}', ?, ?, ?, ?, ?, ?, 0)`,
        args: [id(name), `HN-2018-${suffix}-${name}`, id("firm"), kind, status, id("sp-d"), received, firstDue, resolutionDue, ack, resolved],
      })),
      ...seeds.flatMap(([name, , , , , , owed]) => owed(id(name))),
    ]);
    const figures = await loadFigures(openDb({ url: env.LIBSQL_URL as string }), { unitId: unitD }, { from: "2018-07-01", to: "2018-07-31" }, now);
    expect(figures.total.firstResponseOnTime).toEqual(ratio(5, 5));
    // held-on-day and reopened on time, answered-late late; replied-first and downgraded not known yet.
    expect(figures.total.resolutionOnTime).toEqual(ratio(2, 3));
  });
});
