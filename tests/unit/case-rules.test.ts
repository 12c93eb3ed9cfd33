// The case module's rules as tables. The expectations below are written from DOMAIN.md and issue 12,
// independently of domain/case-rules.ts's own tables: a change to who may do what shows up here as a
// table row to change, not silently.
import { describe, expect, it } from "vitest";
import { beijingDate, instantOfBeijing } from "../../domain/calendar.ts";
import { decide, roleOn, type Accepted, type Actor, type CaseSnapshot, type Command, type Decision, type Notice, type RuleContext } from "../../domain/case-rules.ts";
import { DEFAULT_SLA_POLICIES, obligationsFor } from "../../domain/obligations.ts";
import { planSupervision, DEFAULT_LADDER } from "../../domain/supervision.ts";
import { CASE_ACTIONS, CASE_KINDS, CASE_ROLES, CASE_STATUSES, type CaseAction, type CaseKind, type CaseRole, type CaseStatus, type Obligation } from "../../domain/vocabulary.ts";
import { CHINESE_DAYS as cal } from "../support/chinese-days.ts";

const bj = (date: string, time = "09:00:00") => instantOfBeijing(date, time);
const close = (date: string) => bj(date, "23:59:59");

/** Received Mon 2 Mar 2026 10:00; first response due Tue 3 Mar; meeting by Wed 11 Mar; hearing by Thu 5 Mar; answer by Mon 16 Mar. */
const RECEIVED = bj("2026-03-02", "10:00:00");
const NOW = bj("2026-03-03", "11:00:00");
const FIRM = "firm-1";
const UNIT = "unit-a";

const rulesAt = (now: number): RuleContext => ({ now, calendar: cal, policies: DEFAULT_SLA_POLICIES });

/** One actor standing in each role to the case `snapshot()` builds. */
const AS: Record<CaseRole, Actor> = {
  investor: { type: "investor", telegramId: 1001, activeFirmIds: [FIRM] },
  owner: { type: "specialist", id: "sp-owner", role: "specialist", unitId: UNIT },
  co_handler: { type: "specialist", id: "sp-co", role: "specialist", unitId: "unit-b" },
  unit_head: { type: "specialist", id: "sp-head", role: "unit_head", unitId: UNIT },
  department: { type: "specialist", id: "sp-dept", role: "bizenv", unitId: "unit-bizenv" },
  admin: { type: "specialist", id: "sp-admin", role: "admin", unitId: "unit-ops" },
  other_staff: { type: "specialist", id: "sp-other", role: "specialist", unitId: "unit-c" },
  system: { type: "system" },
};

function snapshot(over: Partial<CaseSnapshot> = {}): CaseSnapshot {
  const kind = over.kind ?? "appointment";
  return {
    id: "case-1",
    ref: "HN-2026-000123",
    kind,
    status: "assigned",
    version: 3,
    firmId: FIRM,
    ownerId: "sp-owner",
    ownerUnitId: UNIT,
    pendingOwnerId: null,
    receivedAt: RECEIVED,
    obligations: obligationsFor(cal, DEFAULT_SLA_POLICIES[kind], RECEIVED).records,
    coHandlers: ["sp-co"],
    ...over,
  };
}

/** The snapshot's obligations with `which` met (by the owner, at `at`). */
function withMet(c: CaseSnapshot, which: readonly Obligation[], at = NOW): CaseSnapshot {
  return { ...c, obligations: c.obligations.map((o) => (which.includes(o.obligation) ? { ...o, state: "met" as const, metAt: at, metBy: "sp-owner" } : o)) };
}

/** The case after an accepted decision, as db/case-writes.ts would store it. */
function apply(c: CaseSnapshot, d: Decision): CaseSnapshot {
  if (!d.ok) throw new Error(`refused: ${d.reason} ${JSON.stringify(d.args)}`);
  const records = new Map(c.obligations.map((o) => [`${o.obligation}:${o.cycle}`, o]));
  for (const o of d.obligations) records.set(`${o.obligation}:${o.cycle}`, o);
  return {
    ...c,
    status: d.status,
    version: c.version + 1,
    kind: d.patch.kind ?? c.kind,
    ownerId: d.patch.ownerId !== undefined ? d.patch.ownerId : c.ownerId,
    pendingOwnerId: d.patch.pendingOwnerId !== undefined ? d.patch.pendingOwnerId : c.pendingOwnerId,
    obligations: [...records.values()],
    coHandlers: [...c.coHandlers, ...d.coHandlersAdded],
  };
}

function accepted(d: Decision): Accepted {
  if (!d.ok) throw new Error(`refused: ${d.reason} ${JSON.stringify(d.args)}`);
  return d;
}

const record = (d: Decision, obligation: Obligation, cycle = 1) => accepted(d).obligations.find((o) => o.obligation === obligation && o.cycle === cycle);
const of = (c: CaseSnapshot, obligation: Obligation, cycle = 1) => c.obligations.find((o) => o.obligation === obligation && o.cycle === cycle)!;

// ---------------------------------------------------------------------------------------------
// The expectation tables.

const STATUS_COLUMNS = ["received", "assigned", "acknowledged", "in_progress", "meeting_scheduled", "resolved", "closed", "withdrawn"] as const satisfies readonly CaseStatus[];
type Row = readonly [CaseStatus | null, CaseStatus | null, CaseStatus | null, CaseStatus | null, CaseStatus | null, CaseStatus | null, CaseStatus | null, CaseStatus | null];
const __ = null;
const KEEP: Row = ["received", "assigned", "acknowledged", "in_progress", "meeting_scheduled", __, __, __];

/** action → (status it is taken in → status it leads to); __: refused in that status. */
const LEADS_TO: Record<CaseAction, Row> = {
  //                     received             assigned             acknowledged         in_progress          meeting_scheduled    resolved    closed    withdrawn
  withdraw:             ["withdrawn",         "withdrawn",         "withdrawn",         "withdrawn",         "withdrawn",         __,         __,       __],
  add_message:          KEEP,
  add_attachment:       KEEP,
  rate:                 [__,                  __,                  __,                  __,                  __,                  "closed",   __,       __],
  comment:              ["received",          "assigned",          "acknowledged",      "in_progress",       "meeting_scheduled", "resolved", "closed", __],
  acknowledge:          ["acknowledged",      "acknowledged",      __,                  __,                  __,                  __,         __,       __],
  reply:                ["acknowledged",      "acknowledged",      "in_progress",       "in_progress",       "meeting_scheduled", __,         __,       __],
  request_info:         ["acknowledged",      "acknowledged",      "in_progress",       "in_progress",       "meeting_scheduled", __,         __,       __],
  assess:               ["acknowledged",      "acknowledged",      "acknowledged",      "in_progress",       "meeting_scheduled", __,         __,       __],
  schedule_meeting:     ["meeting_scheduled", "meeting_scheduled", "meeting_scheduled", "meeting_scheduled", "meeting_scheduled", __,         __,       __],
  record_meeting:       ["in_progress",       "in_progress",       "in_progress",       "in_progress",       "in_progress",       __,         __,       __],
  record_hearing:       [__,                  __,                  "in_progress",       "in_progress",       __,                  __,         __,       __],
  answer:               ["in_progress",       "in_progress",       "in_progress",       "in_progress",       __,                  __,         __,       __],
  needs_study:          ["acknowledged",      "acknowledged",      "acknowledged",      "in_progress",       "meeting_scheduled", __,         __,       __],
  resolve:              [__,                  "resolved",          "resolved",          "resolved",          "resolved",          __,         __,       __],
  invite_co_handler:    KEEP,
  request_transfer:     KEEP,
  approve_transfer:     ["assigned",          "assigned",          "acknowledged",      "in_progress",       "meeting_scheduled", __,         __,       __],
  hand_over:            KEEP,
  close_without_feedback: [__,                __,                  __,                  __,                  __,                  "closed",   __,       __],
};

const FIRM_SIDE: readonly CaseRole[] = ["investor"];
/** Answerable for the case (首问负责制): the owner, the owner's unit head, the department. Admins run the service, not cases. */
const ANSWERABLE: readonly CaseRole[] = ["owner", "unit_head", "department"];
/** Co-handlers (协办) see the case and reply or record steps; they do not assess, extend, resolve or hand on. */
const HANDLING: readonly CaseRole[] = [...ANSWERABLE, "co_handler"];

/** action → the roles that may take it. */
const WHO: Record<CaseAction, readonly CaseRole[]> = {
  withdraw: FIRM_SIDE,
  add_message: FIRM_SIDE,
  add_attachment: FIRM_SIDE,
  rate: FIRM_SIDE,
  comment: FIRM_SIDE,
  acknowledge: ANSWERABLE,
  reply: HANDLING,
  request_info: HANDLING,
  assess: ANSWERABLE,
  schedule_meeting: HANDLING,
  record_meeting: HANDLING,
  record_hearing: HANDLING,
  answer: HANDLING,
  needs_study: ANSWERABLE,
  resolve: ANSWERABLE,
  invite_co_handler: ANSWERABLE,
  request_transfer: ["owner", "unit_head"],
  approve_transfer: ["department"],
  hand_over: ["system"],
  close_without_feedback: ["system"],
};

const ANY_KIND: readonly CaseKind[] = ["appointment", "urgent", "especially_urgent", "policy", "ordinary"];
const URGENT_KINDS: readonly CaseKind[] = ["urgent", "especially_urgent"];
const ANSWERED_KINDS: readonly CaseKind[] = ["policy", "ordinary"];

/** action → the kinds it applies to. */
const KINDS: Record<CaseAction, readonly CaseKind[]> = {
  withdraw: ANY_KIND,
  add_message: ANY_KIND,
  add_attachment: ANY_KIND,
  rate: ANY_KIND,
  comment: ANY_KIND,
  acknowledge: ANY_KIND,
  reply: ANY_KIND,
  request_info: ANY_KIND,
  assess: URGENT_KINDS,
  schedule_meeting: ["appointment"],
  record_meeting: ["appointment"],
  record_hearing: URGENT_KINDS,
  answer: ANSWERED_KINDS,
  needs_study: ANSWERED_KINDS,
  resolve: ANY_KIND,
  invite_co_handler: ANY_KIND,
  request_transfer: ANY_KIND,
  approve_transfer: ANY_KIND,
  hand_over: ANY_KIND,
  close_without_feedback: ANY_KIND,
};

/** A command per action that passes the action's own checks on `snapshotFor`'s case at NOW. */
const COMMAND: { [A in CaseAction]: Extract<Command, { action: A }> } = {
  withdraw: { action: "withdraw", reason: "solved another way" },
  add_message: { action: "add_message", text: "The lease is attached." },
  add_attachment: { action: "add_attachment", name: "lease.pdf" },
  rate: { action: "rate", rating: "satisfied" },
  comment: { action: "comment", text: "Thank you." },
  acknowledge: { action: "acknowledge" },
  reply: { action: "reply", text: "已收到，正在协调。" },
  request_info: { action: "request_info", request: "请提供租赁合同。" },
  assess: { action: "assess", urgency: "urgent", reason: null },
  schedule_meeting: { action: "schedule_meeting", date: "2026-03-05", time: "10:00", place: "海口市政府 3 号会议室", firmAsked: null, note: null },
  record_meeting: { action: "record_meeting", heldOn: "2026-03-03", official: "李局长", delegated: null },
  record_hearing: { action: "record_hearing", heldOn: "2026-03-03", form: "hearing", summary: "听取企业意见" },
  answer: { action: "answer", text: "依据《海南自由贸易港法》……" },
  needs_study: { action: "needs_study", reason: "需会同税务部门研究", newDate: "2026-03-20" },
  resolve: { action: "resolve", outcome: "已办结" },
  invite_co_handler: { action: "invite_co_handler", specialistId: "sp-new" },
  request_transfer: { action: "request_transfer", toSpecialistId: "sp-new", reason: "属地不符" },
  approve_transfer: { action: "approve_transfer", toUnitId: "unit-b" },
  hand_over: { action: "hand_over", toSpecialistId: "sp-deputy", toUnitId: UNIT, reason: "deactivated" },
  close_without_feedback: { action: "close_without_feedback" },
};

/** A case in `status` of `kind` whose obligations allow `action`'s step. */
function snapshotFor(action: CaseAction, status: CaseStatus, kind: CaseKind): CaseSnapshot {
  const c = snapshot({ kind, status });
  if (action === "record_hearing") return withMet(c, ["first_response", "assessment"]);
  if (action === "resolve") return withMet(c, ["first_response", "assessment", "meeting_held", "hearing_held", "answer"]);
  if (action === "approve_transfer") return { ...c, pendingOwnerId: "sp-new" };
  return c;
}

describe("the tables cover the whole vocabulary", () => {
  it("names every status, action, kind and role once", () => {
    expect([...STATUS_COLUMNS].sort()).toEqual([...CASE_STATUSES].sort());
    expect(Object.keys(LEADS_TO).sort()).toEqual([...CASE_ACTIONS].sort());
    expect([...ANY_KIND].sort()).toEqual([...CASE_KINDS].sort());
    expect(Object.keys(AS).sort()).toEqual([...CASE_ROLES].sort());
  });

  it.each(CASE_ROLES)("the actor standing for %s has that role on the case", (role) => {
    expect(roleOn(snapshot(), AS[role])).toBe(role);
  });

  it.each([
    ["an investor of another firm", { type: "investor", telegramId: 2002, activeFirmIds: ["firm-2"] }],
    ["a specialist of the owner's unit who is not the owner", { type: "specialist", id: "sp-colleague", role: "specialist", unitId: UNIT }],
    ["the head of another unit", { type: "specialist", id: "sp-head-c", role: "unit_head", unitId: "unit-c" }],
  ] satisfies [string, Actor][])("%s is other staff", (_, actor) => {
    expect(roleOn(snapshot(), actor)).toBe("other_staff");
  });
});

describe("every status × action × kind × role", () => {
  it.each(CASE_ACTIONS)("%s: accepted iff who, kind and status allow it, with the right status or refusal", (action) => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [column, status] of STATUS_COLUMNS.entries()) {
      for (const kind of ANY_KIND) {
        for (const role of CASE_ROLES) {
          const c = snapshotFor(action, status, kind);
          const d = decide(c, COMMAND[action], AS[role], rulesAt(NOW));
          const to = LEADS_TO[action][column];
          // Refusals name the first gate that fails: who, then the kind, then the status.
          const expected = !WHO[action].includes(role)
            ? { ok: false, reason: "not_allowed" }
            : !KINDS[action].includes(kind)
              ? { ok: false, reason: "not_for_kind" }
              : to === null
                ? { ok: false, reason: "illegal_status" }
                : { ok: true, status: to };
          const got = d.ok ? { ok: true, status: d.status } : { ok: false, reason: d.reason };
          if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${status} ${kind} ${role}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
          if (d.ok) {
            // Every change is a ledger event; a change of status is recorded with from and to.
            if (d.events.length === 0) wrong.push(`${status} ${kind} ${role}: accepted without a ledger event`);
            const moves = d.events.filter((e) => e.from !== undefined || e.to !== undefined);
            const wantMoves = d.status === status ? [] : [{ from: status, to: d.status }];
            if (JSON.stringify(moves.map((e) => ({ from: e.from, to: e.to }))) !== JSON.stringify(wantMoves)) {
              wrong.push(`${status} ${kind} ${role}: status change events ${JSON.stringify(moves)}`);
            }
          }
          checked += 1;
        }
      }
    }
    expect(checked).toBe(8 * 5 * 8);
    expect(wrong).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Behaviour rows.

describe("first response (首问负责制): any real step by the responsible side meets it", () => {
  it.each([
    ["acknowledge", "appointment", COMMAND.acknowledge],
    ["reply", "appointment", COMMAND.reply],
    ["request_info", "policy", COMMAND.request_info],
    ["assess", "urgent", COMMAND.assess],
    ["schedule_meeting", "appointment", COMMAND.schedule_meeting],
    ["record_meeting", "appointment", COMMAND.record_meeting],
    ["answer", "policy", COMMAND.answer],
    ["needs_study", "policy", COMMAND.needs_study],
    ["answer", "ordinary", COMMAND.answer],
  ] satisfies [string, CaseKind, Command][])("%s (%s) meets it, recording who and when", (_, kind, command) => {
    const d = accepted(decide(snapshot({ kind }), command, AS.owner, rulesAt(NOW)));
    expect(record(d, "first_response")).toMatchObject({ state: "met", metAt: NOW, metBy: "sp-owner", dueAt: close("2026-03-03") });
    expect(d.patch.acknowledgedAt).toBe(NOW);
  });

  it("a co-handler's reply meets it too, recorded as theirs", () => {
    const d = decide(snapshot(), COMMAND.reply, AS.co_handler, rulesAt(NOW));
    expect(record(d, "first_response")).toMatchObject({ state: "met", metAt: NOW, metBy: "sp-co" });
  });

  it("a step after the due still meets it, late (the figures see metAt > dueAt)", () => {
    const late = bj("2026-03-04", "15:00:00");
    const d = decide(snapshot(), COMMAND.acknowledge, AS.owner, rulesAt(late));
    const first = record(d, "first_response")!;
    expect(first).toMatchObject({ state: "met", metAt: late });
    expect(first.metAt!).toBeGreaterThan(first.dueAt);
  });

  it.each([
    ["the firm's message", COMMAND.add_message, AS.investor],
    ["inviting a co-handler", COMMAND.invite_co_handler, AS.owner],
    ["asking for a transfer", COMMAND.request_transfer, AS.owner],
    ["a hand-over", COMMAND.hand_over, AS.system],
  ] satisfies [string, Command, Actor][])("%s does not meet it", (_, command, actor) => {
    const d = accepted(decide(snapshot(), command, actor, rulesAt(NOW)));
    expect(d.obligations.filter((o) => o.obligation === "first_response")).toEqual([]);
    expect(d.patch.acknowledgedAt).toBeUndefined();
  });

  it("a second step leaves the first response as it was met", () => {
    const c = apply(snapshot(), decide(snapshot(), COMMAND.acknowledge, AS.owner, rulesAt(NOW)));
    const d = accepted(decide(c, COMMAND.reply, AS.unit_head, rulesAt(NOW + 3_600_000)));
    expect(d.obligations).toEqual([]);
    expect(d.patch.acknowledgedAt).toBeUndefined();
    expect(of(c, "first_response")).toMatchObject({ metAt: NOW, metBy: "sp-owner" });
  });
});

describe("a case in the department's queue (no owner)", () => {
  const queued = snapshot({ kind: "urgent", status: "received", ownerId: null, ownerUnitId: null, coHandlers: [] });

  it("is taken by the department on its first step, with the first response", () => {
    const d = accepted(decide(queued, COMMAND.acknowledge, AS.department, rulesAt(NOW)));
    expect(d.patch.ownerId).toBe("sp-dept");
    expect(record(d, "first_response")).toMatchObject({ state: "met", metBy: "sp-dept" });
  });

  it("is taken by the department's assessment, which also meets the assessment", () => {
    const d = accepted(decide(queued, COMMAND.assess, AS.department, rulesAt(NOW)));
    expect(d.patch.ownerId).toBe("sp-dept");
    expect(record(d, "assessment")).toMatchObject({ state: "met", metAt: NOW, metBy: "sp-dept" });
  });

  it("is not for other staff or another unit's head", () => {
    expect(decide(queued, COMMAND.acknowledge, AS.other_staff, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(decide(queued, COMMAND.acknowledge, AS.unit_head, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("an owned case is not taken over by the department's step", () => {
    const d = accepted(decide(snapshot(), COMMAND.reply, AS.department, rulesAt(NOW)));
    expect(d.patch.ownerId).toBeUndefined();
  });
});

describe("appointment (政企约见): meeting held within 7 working days", () => {
  const appointment = snapshot({ kind: "appointment" });

  it("a meeting on day 7 then the resolution on day 8 misses no obligation", () => {
    // Day 7 after Mon 2 Mar is Wed 11 Mar.
    expect(of(appointment, "meeting_held").dueAt).toBe(close("2026-03-11"));
    const scheduleAt = bj("2026-03-03", "10:00:00");
    let c = apply(appointment, decide(appointment, { ...COMMAND.schedule_meeting, date: "2026-03-11", time: "15:00" }, AS.owner, rulesAt(scheduleAt)));
    expect(c.status).toBe("meeting_scheduled");
    const heldAt = bj("2026-03-11", "17:00:00");
    c = apply(c, decide(c, { ...COMMAND.record_meeting, heldOn: "2026-03-11" }, AS.owner, rulesAt(heldAt)));
    expect(of(c, "meeting_held")).toMatchObject({ state: "met", metAt: heldAt, metBy: "sp-owner" });
    const resolvedAt = bj("2026-03-12", "16:00:00");
    const resolution = accepted(decide(c, COMMAND.resolve, AS.owner, rulesAt(resolvedAt)));
    expect(resolution).toMatchObject({ status: "resolved", patch: { resolvedAt } });
    c = apply(c, resolution);
    for (const o of c.obligations) expect(o.state === "met" && o.metAt! <= o.dueAt, `${o.obligation} met in time`).toBe(true);
    expect(planSupervision(cal, DEFAULT_LADDER, c.obligations, [], false, resolvedAt).steps).toEqual([]);
  });

  it("a meeting held on day 7 and recorded on day 8 counts on day 7", () => {
    const d = decide(appointment, { ...COMMAND.record_meeting, heldOn: "2026-03-11" }, AS.owner, rulesAt(bj("2026-03-12", "10:00:00")));
    const held = record(d, "meeting_held")!;
    expect(held.metAt).toBe(close("2026-03-11"));
    expect(held.metAt!).toBeLessThanOrEqual(held.dueAt);
  });

  it("a meeting or hearing can not be recorded as held in the future or before the case arrived", () => {
    // One refusal for both (its message names both limits).
    expect(decide(appointment, { ...COMMAND.record_meeting, heldOn: "2026-03-04" }, AS.owner, rulesAt(NOW))).toEqual({ ok: false, reason: "held_in_future", args: { date: "2026-03-04" } });
    expect(decide(appointment, { ...COMMAND.record_meeting, heldOn: "2026-03-01" }, AS.owner, rulesAt(NOW))).toEqual({ ok: false, reason: "held_in_future", args: { date: "2026-03-01" } });
    const assessed = withMet(snapshot({ kind: "urgent", status: "acknowledged" }), ["first_response", "assessment"]);
    expect(decide(assessed, { ...COMMAND.record_hearing, heldOn: "2026-02-27" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "held_in_future" });
    expect(decide(assessed, { ...COMMAND.record_hearing, heldOn: "2026-03-04" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "held_in_future" });
    // The day of receipt itself is fine.
    expect(decide(assessed, { ...COMMAND.record_hearing, heldOn: "2026-03-02" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: true });
  });

  it("a date after the due is refused unless the firm asked for it or agreed to it", () => {
    const later = { ...COMMAND.schedule_meeting, date: "2026-03-18", time: "10:00" } as const;
    expect(decide(appointment, later, AS.owner, rulesAt(NOW))).toEqual({ ok: false, reason: "meeting_after_due", args: { due: close("2026-03-11") } });
    for (const firmAsked of ["request", "consent"] as const) {
      const d = accepted(decide(appointment, { ...later, firmAsked, note: "企业出差" }, AS.owner, rulesAt(NOW)));
      expect(record(d, "meeting_held")).toMatchObject({ state: "open", dueAt: close("2026-03-18"), originalDueAt: close("2026-03-11"), moved: true });
      expect(d.events).toContainEqual({ type: "due_moved", data: { obligation: "meeting_held", from: close("2026-03-11"), to: close("2026-03-18"), because: firmAsked, note: "企业出差" } });
      const status = d.notices.find((n): n is Extract<Notice, { template: "status" }> => n.to === "firm" && n.template === "status")!;
      expect(status.next).toMatchObject({ obligation: "meeting_held", dueAt: close("2026-03-18") });
    }
  });

  it("a date on or before the due moves nothing", () => {
    const d = accepted(decide(appointment, { ...COMMAND.schedule_meeting, date: "2026-03-11", firmAsked: "request" }, AS.owner, rulesAt(NOW)));
    expect(record(d, "meeting_held")).toBeUndefined();
    expect(d.events.map((e) => e.type)).toEqual(["meeting_scheduled"]);
  });

  it("a meeting in the past or on a day off is refused", () => {
    expect(decide(appointment, { ...COMMAND.schedule_meeting, date: "2026-03-03", time: "10:00" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "meeting_in_past" });
    expect(decide(appointment, { ...COMMAND.schedule_meeting, date: "2026-03-07" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "meeting_not_working_day" });
  });

  it("a make-up Saturday is a working day for a meeting", () => {
    const feb = snapshot({ kind: "appointment", receivedAt: bj("2026-02-12", "10:00:00"), obligations: obligationsFor(cal, DEFAULT_SLA_POLICIES.appointment, bj("2026-02-12", "10:00:00")).records });
    expect(decide(feb, { ...COMMAND.schedule_meeting, date: "2026-02-14" }, AS.owner, rulesAt(bj("2026-02-13")))).toMatchObject({ ok: true, status: "meeting_scheduled" });
  });

  it("moving a scheduled meeting is recorded as a reschedule", () => {
    const c = apply(appointment, decide(appointment, COMMAND.schedule_meeting, AS.owner, rulesAt(NOW)));
    const d = accepted(decide(c, { ...COMMAND.schedule_meeting, date: "2026-03-06" }, AS.owner, rulesAt(NOW)));
    expect(d.events.map((e) => e.type)).toEqual(["meeting_rescheduled"]);
    expect(d.patch.meetingAt).toBe(bj("2026-03-06", "10:00:00"));
  });

  it("a delegated meeting needs the approver, and records them", () => {
    const delegated = { ...COMMAND.record_meeting, delegated: { official: "王副局长", approvedBy: "" } };
    expect(decide(appointment, delegated, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "delegation_needs_approval" });
    expect(decide(appointment, { ...delegated, delegated: { official: "王副局长", approvedBy: "  " } }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "delegation_needs_approval" });
    const d = accepted(decide(appointment, { ...delegated, delegated: { official: "王副局长", approvedBy: "李局长" } }, AS.owner, rulesAt(NOW)));
    expect(record(d, "meeting_held")).toMatchObject({ state: "met", metAt: NOW });
    expect(d.events[0]).toMatchObject({ type: "meeting_held", data: { official: "李局长", delegated: { official: "王副局长", approvedBy: "李局长" } } });
  });
});

describe("urgent appeal (紧急诉求): assessment, then a hearing within 3 working days", () => {
  const urgent = snapshot({ kind: "urgent" });

  it("owes the assessment with the first response, and the hearing by Thu 5 Mar", () => {
    expect(urgent.obligations.map((o) => [o.obligation, beijingDate(o.dueAt)])).toEqual([
      ["first_response", "2026-03-03"],
      ["assessment", "2026-03-03"],
      ["hearing_held", "2026-03-05"],
    ]);
  });

  it("confirmed urgent: the assessment is met, the kind stays", () => {
    const d = accepted(decide(urgent, COMMAND.assess, AS.owner, rulesAt(NOW)));
    expect(record(d, "assessment")).toMatchObject({ state: "met", metAt: NOW, metBy: "sp-owner" });
    expect(d.patch.kind).toBeUndefined();
    expect(d.events[0]).toMatchObject({ type: "assessed", data: { urgency: "urgent", fromKind: "urgent", toKind: "urgent" } });
    expect(record(d, "hearing_held")).toBeUndefined();
  });

  it("raised to especially urgent: the kind changes, the hearing stays owed", () => {
    const d = accepted(decide(urgent, { action: "assess", urgency: "especially_urgent", reason: "停产风险" }, AS.unit_head, rulesAt(NOW)));
    expect(d.patch.kind).toBe("especially_urgent");
    expect(record(d, "assessment")).toMatchObject({ state: "met", metBy: "sp-head" });
    expect(record(d, "hearing_held")).toBeUndefined();
  });

  it("downgraded to ordinary: a reason is required", () => {
    expect(decide(urgent, { action: "assess", urgency: "not_urgent", reason: null }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "reason_required" });
    expect(decide(urgent, { action: "assess", urgency: "not_urgent", reason: "   " }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "reason_required" });
  });

  it("downgraded to ordinary: the hearing is cancelled, an answer is owed from receipt, the firm is told why", () => {
    const reason = "不涉及停产停工，按一般事项办理";
    const d = accepted(decide(urgent, { action: "assess", urgency: "not_urgent", reason }, AS.owner, rulesAt(NOW)));
    expect(d.patch.kind).toBe("ordinary");
    expect(record(d, "hearing_held")).toMatchObject({ state: "cancelled", dueAt: close("2026-03-05") });
    // 10 working days after Mon 2 Mar.
    expect(record(d, "answer")).toMatchObject({ state: "open", cycle: 1, dueAt: close("2026-03-16"), originalDueAt: close("2026-03-16") });
    expect(d.notices).toContainEqual(expect.objectContaining({ to: "firm", template: "status", event: "assessed", detail: { key: "detail-assessed-not_urgent", text: reason } }));
    const status = d.notices.find((n): n is Extract<Notice, { template: "status" }> => n.to === "firm" && n.template === "status")!;
    expect(status.next).toMatchObject({ obligation: "answer", dueAt: close("2026-03-16") });
    // Handled as an ordinary matter from now on: answered, not heard.
    const c = apply(urgent, d);
    expect(decide(c, COMMAND.record_hearing, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_for_kind" });
    expect(decide(c, COMMAND.answer, AS.owner, rulesAt(NOW))).toMatchObject({ ok: true });
  });

  it("an especially urgent appeal downgraded to ordinary owes the answer too", () => {
    const especially = snapshot({ kind: "especially_urgent" });
    const d = accepted(decide(especially, { action: "assess", urgency: "not_urgent", reason: "可按一般程序办理" }, AS.owner, rulesAt(NOW)));
    expect(d.patch.kind).toBe("ordinary");
    expect(record(d, "answer")).toMatchObject({ state: "open", dueAt: close("2026-03-16") });
  });

  it("is assessed once", () => {
    const c = apply(urgent, decide(urgent, COMMAND.assess, AS.owner, rulesAt(NOW)));
    expect(decide(c, { action: "assess", urgency: "especially_urgent", reason: null }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "already_assessed" });
  });

  it("a hearing before the assessment is refused; after it, it meets the hearing", () => {
    const acknowledged = apply(urgent, decide(urgent, COMMAND.acknowledge, AS.owner, rulesAt(NOW)));
    expect(decide(acknowledged, COMMAND.record_hearing, AS.owner, rulesAt(NOW))).toEqual({ ok: false, reason: "assessment_first", args: {} });
    const assessed = apply(acknowledged, decide(acknowledged, COMMAND.assess, AS.owner, rulesAt(NOW)));
    const d = accepted(decide(assessed, { ...COMMAND.record_hearing, form: "consultation" }, AS.co_handler, rulesAt(NOW)));
    expect(record(d, "hearing_held")).toMatchObject({ state: "met", metAt: NOW, metBy: "sp-co" });
    expect(d.events[0]).toMatchObject({ type: "hearing_held", data: { form: "consultation" } });
  });

  it("an especially urgent appeal owes the response and the assessment within 2 hours, the hearing within 3 working days", () => {
    const evening = bj("2026-02-17", "20:30:00"); // Spring Festival holiday
    const records = obligationsFor(cal, DEFAULT_SLA_POLICIES.especially_urgent, evening).records;
    expect(records.map((o) => [o.obligation, o.clock, o.dueAt])).toEqual([
      ["first_response", "hours", evening + 2 * 3_600_000],
      ["assessment", "hours", evening + 2 * 3_600_000],
      ["hearing_held", "working_days", close("2026-02-26")],
    ]);
  });
});

describe("policy question (政策解读): an answer within 10 working days, or one study notice", () => {
  const policy = snapshot({ kind: "policy" });

  it("the answer meets the answer obligation and the first response", () => {
    const d = accepted(decide(policy, COMMAND.answer, AS.owner, rulesAt(NOW)));
    expect(record(d, "answer")).toMatchObject({ state: "met", metAt: NOW, metBy: "sp-owner" });
    expect(record(d, "first_response")).toMatchObject({ state: "met" });
  });

  it("needs study before the due: a new working date within the limit, recorded as a moved due", () => {
    const d = accepted(decide(policy, COMMAND.needs_study, AS.owner, rulesAt(NOW)));
    expect(record(d, "answer")).toMatchObject({ state: "open", dueAt: close("2026-03-20"), originalDueAt: close("2026-03-16"), moved: true });
    expect(d.events).toEqual([
      { type: "study_notice", data: { reason: "需会同税务部门研究", newDate: "2026-03-20" }, from: "assigned", to: "acknowledged" },
      { type: "due_moved", data: { obligation: "answer", from: close("2026-03-16"), to: close("2026-03-20"), because: "study" } },
    ]);
    expect(d.notices).toContainEqual(expect.objectContaining({ to: "firm", template: "status", event: "study_notice", detail: { key: "detail-study", text: "需会同税务部门研究" } }));
  });

  it("needs study on the due day itself is still before the due", () => {
    expect(decide(policy, COMMAND.needs_study, AS.owner, rulesAt(bj("2026-03-16", "23:00:00")))).toMatchObject({ ok: true });
  });

  it("only once", () => {
    const c = apply(policy, decide(policy, COMMAND.needs_study, AS.owner, rulesAt(NOW)));
    expect(decide(c, { ...COMMAND.needs_study, newDate: "2026-03-27" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "study_once" });
  });

  it("not after the due", () => {
    expect(decide(policy, COMMAND.needs_study, AS.owner, rulesAt(bj("2026-03-17", "00:00:00")))).toEqual({ ok: false, reason: "study_after_due", args: { due: close("2026-03-16") } });
  });

  it.each([
    ["the due day itself", "2026-03-16"],
    ["before the due", "2026-03-10"],
    ["a Saturday", "2026-03-21"],
    ["a Qingming holiday", "2026-04-06"],
    ["past 20 working days after the due (Tue 14 Apr)", "2026-04-15"],
  ])("a new date on %s is refused", (_, newDate) => {
    expect(decide(policy, { ...COMMAND.needs_study, newDate }, AS.owner, rulesAt(NOW))).toEqual({ ok: false, reason: "study_date", args: { after: "2026-03-17", latest: "2026-04-14" } });
  });

  it("the 20th working day after the due is the latest date", () => {
    expect(decide(policy, { ...COMMAND.needs_study, newDate: "2026-04-14" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: true });
  });

  it("a reason is required", () => {
    expect(decide(policy, { ...COMMAND.needs_study, reason: " " }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "reason_required" });
  });

  it("not once the question is answered", () => {
    const c = apply(policy, decide(policy, COMMAND.answer, AS.owner, rulesAt(NOW)));
    expect(decide(c, COMMAND.needs_study, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false });
  });
});

describe("the substantive resolution comes after the kind's own obligation", () => {
  it.each([
    ["appointment", "meeting_held"],
    ["urgent", "hearing_held"],
    ["especially_urgent", "hearing_held"],
    ["policy", "answer"],
    ["ordinary", "answer"],
  ] as const)("%s: resolve is refused while %s is open", (kind, obligation) => {
    const c = withMet(snapshot({ kind, status: "in_progress" }), ["first_response", "assessment"]);
    expect(decide(c, COMMAND.resolve, AS.owner, rulesAt(NOW))).toEqual({ ok: false, reason: "obligation_open", args: { obligation } });
    const done = withMet(c, [obligation]);
    const d = accepted(decide(done, COMMAND.resolve, AS.owner, rulesAt(NOW)));
    expect(d.status).toBe("resolved");
    expect(d.notices.map((n) => `${n.to}:${n.template}`)).toEqual(["firm:status", "firm:survey"]);
  });

  it("a cancelled principal obligation (withdrawn, downgraded) does not block", () => {
    const c = snapshot({ kind: "appointment", status: "in_progress", obligations: snapshot().obligations.map((o) => ({ ...o, state: "cancelled" as const })) });
    expect(decide(c, COMMAND.resolve, AS.owner, rulesAt(NOW))).toMatchObject({ ok: true });
  });
});

describe("the firm's rating", () => {
  const resolved = { ...withMet(snapshot({ kind: "policy", status: "resolved" }), ["first_response", "answer"], bj("2026-03-04")), coHandlers: [] };
  const ratedAt = bj("2026-03-06", "10:00:00"); // Fri

  it.each(["satisfied", "basically_satisfied"] as const)("%s closes the case", (rating) => {
    expect(decide(resolved, { action: "rate", rating }, AS.investor, rulesAt(ratedAt))).toMatchObject({ ok: true, status: "closed", patch: { feedback: rating, closedAt: ratedAt } });
  });

  it("unsatisfied reopens with a cycle-2 first response and keeps the cycle-1 records", () => {
    const d = accepted(decide(resolved, { action: "rate", rating: "unsatisfied" }, AS.investor, rulesAt(ratedAt)));
    expect(d.status).toBe("in_progress");
    expect(d.patch).toMatchObject({ feedback: "unsatisfied", resolvedAt: null, closedAt: null });
    // One working day after Fri 6 Mar: Mon 9 Mar.
    expect(d.obligations).toEqual([
      { obligation: "first_response", cycle: 2, clock: "working_days", dueAt: close("2026-03-09"), originalDueAt: close("2026-03-09"), state: "open", metAt: null, metBy: null, moved: false },
    ]);
    expect(d.events).toEqual([{ type: "reopened", data: { rating: "unsatisfied", cycle: 2, firstResponseDueAt: close("2026-03-09") }, from: "resolved", to: "in_progress" }]);
    expect(d.notices.map((n) => `${n.to}:${n.template}`)).toEqual(["owner:reopened", "unit_heads:reopened"]);

    const reopened = apply(resolved, d);
    expect(of(reopened, "first_response", 1)).toEqual(of(resolved, "first_response", 1));
    expect(of(reopened, "answer", 1)).toEqual(of(resolved, "answer", 1));
    // The owner's next step meets the new first response, not the old one.
    const reply = accepted(decide(reopened, COMMAND.reply, AS.owner, rulesAt(ratedAt + 3_600_000)));
    expect(reply.obligations).toEqual([{ ...of(reopened, "first_response", 2), state: "met", metAt: ratedAt + 3_600_000, metBy: "sp-owner" }]);
    // A third cycle after a second unsatisfied rating.
    const again = apply(apply(reopened, reply), decide(apply(reopened, reply), COMMAND.resolve, AS.owner, rulesAt(ratedAt + 7_200_000)));
    expect(record(decide(again, { action: "rate", rating: "unsatisfied" }, AS.investor, rulesAt(ratedAt + 10_800_000)), "first_response", 3)).toMatchObject({ state: "open" });
  });

  it("an especially urgent case reopens on hours", () => {
    const especially = { ...resolved, kind: "especially_urgent" as const };
    const d = accepted(decide(especially, { action: "rate", rating: "unsatisfied" }, AS.investor, rulesAt(ratedAt)));
    expect(d.obligations[0]).toMatchObject({ obligation: "first_response", cycle: 2, clock: "hours", dueAt: ratedAt + 2 * 3_600_000 });
  });

  it("is the firm's: staff can not rate", () => {
    expect(decide(resolved, { action: "rate", rating: "satisfied" }, AS.owner, rulesAt(ratedAt))).toMatchObject({ ok: false, reason: "not_allowed" });
  });
});

describe("co-handling (协办) and ownership", () => {
  it("a co-handler may reply but not resolve, assess, extend or hand on", () => {
    expect(decide(snapshot(), COMMAND.reply, AS.co_handler, rulesAt(NOW))).toMatchObject({ ok: true });
    const ready = withMet(snapshot({ status: "in_progress" }), ["first_response", "meeting_held"]);
    expect(decide(ready, COMMAND.resolve, AS.co_handler, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(decide(snapshot({ kind: "urgent" }), COMMAND.assess, AS.co_handler, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(decide(snapshot({ kind: "policy" }), COMMAND.needs_study, AS.co_handler, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(decide(snapshot(), COMMAND.invite_co_handler, AS.co_handler, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(decide(snapshot(), COMMAND.request_transfer, AS.co_handler, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
  });

  it("inviting a co-handler keeps the owner and tells the invitee", () => {
    const d = accepted(decide(snapshot(), COMMAND.invite_co_handler, AS.owner, rulesAt(NOW)));
    expect(d.coHandlersAdded).toEqual(["sp-new"]);
    expect(d.patch.ownerId).toBeUndefined();
    expect(d.notices).toEqual([{ to: "specialist", specialistId: "sp-new", template: "co_handler_invited", args: {} }]);
    const c = apply(snapshot(), d);
    expect(roleOn(c, { type: "specialist", id: "sp-new", role: "specialist", unitId: "unit-d" })).toBe("co_handler");
  });

  it.each([
    ["the owner", "sp-owner"],
    ["a co-handler already", "sp-co"],
  ])("inviting %s is refused", (_, specialistId) => {
    expect(decide(snapshot(), { action: "invite_co_handler", specialistId }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "already_co_handler" });
  });

  it("a transfer to the owner is refused; to a co-handler it may be asked for", () => {
    expect(decide(snapshot(), { ...COMMAND.request_transfer, toSpecialistId: "sp-owner" }, AS.unit_head, rulesAt(NOW))).toEqual({ ok: false, reason: "already_co_handler", args: {} });
    expect(decide(snapshot(), { ...COMMAND.request_transfer, toSpecialistId: "sp-co" }, AS.owner, rulesAt(NOW))).toMatchObject({ ok: true, patch: { pendingOwnerId: "sp-co" } });
  });

  it("a transfer is requested by the owner's side and approved only by the department", () => {
    const requested = accepted(decide(snapshot(), COMMAND.request_transfer, AS.owner, rulesAt(NOW)));
    expect(requested.patch).toEqual({ pendingOwnerId: "sp-new" });
    expect(requested.notices).toEqual([{ to: "department", template: "transfer_requested", args: { to: "sp-new", reason: "属地不符" } }]);
    const pending = apply(snapshot(), requested);
    for (const role of ["owner", "unit_head", "admin", "co_handler", "investor", "other_staff", "system"] as const) {
      expect(decide(pending, COMMAND.approve_transfer, AS[role], rulesAt(NOW)), role).toMatchObject({ ok: false, reason: "not_allowed" });
    }
    const approved = accepted(decide(pending, COMMAND.approve_transfer, AS.department, rulesAt(NOW)));
    expect(approved.patch).toEqual({ ownerId: "sp-new", pendingOwnerId: null });
    expect(approved.events).toEqual([{ type: "transferred", data: { from: "sp-owner", to: "sp-new", toUnitId: "unit-b", approvedBy: "sp-dept" } }]);
    expect(approved.notices[0]).toEqual({ to: "specialist", specialistId: "sp-new", template: "new_owner", args: { reason: "transfer" } });
  });

  it("approving with no transfer pending is refused", () => {
    expect(decide(snapshot(), COMMAND.approve_transfer, AS.department, rulesAt(NOW))).toEqual({ ok: false, reason: "no_pending_transfer", args: {} });
  });

  it("a deactivated owner's case is handed to the deputy or to the queue, recorded", () => {
    const toDeputy = accepted(decide(snapshot(), COMMAND.hand_over, AS.system, rulesAt(NOW)));
    expect(toDeputy.patch).toEqual({ ownerId: "sp-deputy", pendingOwnerId: null });
    expect(toDeputy.events).toEqual([{ type: "handed_over", data: { from: "sp-owner", to: "sp-deputy", reason: "deactivated" } }]);
    expect(toDeputy.notices).toEqual([{ to: "specialist", specialistId: "sp-deputy", template: "new_owner", args: { reason: "deactivated" } }]);
    const toQueue = accepted(decide(snapshot(), { action: "hand_over", toSpecialistId: null, toUnitId: null, reason: "deactivated" }, AS.system, rulesAt(NOW)));
    expect(toQueue.patch.ownerId).toBeNull();
    expect(toQueue.notices).toEqual([]);
  });
});

describe("withdrawal", () => {
  it("cancels the open obligations and leaves the met ones", () => {
    const c = withMet(snapshot({ kind: "urgent", status: "acknowledged" }), ["first_response"]);
    const d = accepted(decide(c, COMMAND.withdraw, AS.investor, rulesAt(NOW)));
    expect(d.status).toBe("withdrawn");
    expect(d.obligations.map((o) => [o.obligation, o.state])).toEqual([
      ["assessment", "cancelled"],
      ["hearing_held", "cancelled"],
    ]);
    expect(d.notices).toEqual([{ to: "owner", template: "withdrawn", args: { reason: "solved another way" } }]);
    const after = apply(c, d);
    expect(after.obligations.filter((o) => o.state === "open")).toEqual([]);
    expect(of(after, "first_response")).toEqual(of(c, "first_response"));
  });

  it("is only the firm's, and not once resolved", () => {
    expect(decide(snapshot(), COMMAND.withdraw, AS.owner, rulesAt(NOW))).toMatchObject({ ok: false, reason: "not_allowed" });
    expect(decide(snapshot({ status: "resolved" }), COMMAND.withdraw, AS.investor, rulesAt(NOW))).toMatchObject({ ok: false, reason: "illegal_status" });
  });
});

describe("what the firm is told comes next", () => {
  it("after the first response, the kind's own obligation", () => {
    const d = accepted(decide(snapshot({ kind: "appointment" }), COMMAND.acknowledge, AS.owner, rulesAt(NOW)));
    expect(d.notices).toEqual([expect.objectContaining({ to: "firm", template: "status", event: "acknowledged", next: expect.objectContaining({ obligation: "meeting_held", dueAt: close("2026-03-11") }) })]);
  });

  it("once every obligation is met, the resolution; once resolved, the survey", () => {
    const policy = snapshot({ kind: "policy" });
    const answered = accepted(decide(policy, COMMAND.answer, AS.owner, rulesAt(NOW)));
    expect(answered.notices[0]).toMatchObject({ next: { resolution: true } });
    const resolved = accepted(decide(apply(policy, answered), COMMAND.resolve, AS.owner, rulesAt(NOW)));
    expect(resolved.notices[0]).toMatchObject({ next: { feedback: true } });
  });
});
