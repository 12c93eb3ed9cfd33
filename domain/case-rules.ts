// The case module's rules: one pure function takes a case with its obligations, an action, the
// actor, now, the calendar and the policy, and returns a decision — refused (with a reason that
// becomes a bilingual message) or the new state, the ledger events, the obligation changes and the
// notices (who hears, which template). db/case-writes.ts turns an accepted decision into the
// statements of the current unit of work; nothing else writes cases or case_events.
import { addDays, beijingDate, instantOfBeijing, isWorkingDay, workingDayAfter, type WorkCalendar } from "./calendar.ts";
import {
  closeOf,
  dueOf,
  obligationsFor,
  openObligations,
  PRINCIPAL_OBLIGATION,
  STUDY_MAX_EXTENSION_WORKING_DAYS,
  termsOf,
  type ObligationRecord,
  type SlaPolicy,
} from "./obligations.ts";
import {
  isOpen,
  type CaseAction,
  type CaseKind,
  type CaseRole,
  type CaseStatus,
  type EventType,
  type Obligation,
  type Rating,
  type SpecialistRole,
  type Urgency,
} from "./vocabulary.ts";

export interface CaseSnapshot {
  id: string;
  ref: string;
  kind: CaseKind;
  status: CaseStatus;
  version: number;
  firmId: string;
  ownerId: string | null;
  /** The owner's unit; null while the case waits in the department's queue. */
  ownerUnitId: string | null;
  pendingOwnerId: string | null;
  receivedAt: number;
  obligations: readonly ObligationRecord[];
  /** Specialists brought in to co-handle (协办); the owner stays answerable. */
  coHandlers: readonly string[];
}

export type Actor =
  | { type: "investor"; telegramId: number; activeFirmIds: readonly string[] }
  | { type: "specialist"; id: string; role: SpecialistRole; unitId: string }
  | { type: "system" };

export type Command =
  | { action: "withdraw"; reason: string }
  | { action: "add_message"; text: string }
  | { action: "add_attachment"; name: string }
  | { action: "rate"; rating: Rating }
  | { action: "comment"; text: string }
  | { action: "acknowledge" }
  | { action: "reply"; text: string }
  | { action: "request_info"; request: string }
  | { action: "assess"; urgency: Urgency; reason: string | null }
  | { action: "schedule_meeting"; date: string; time: string; place: string; firmAsked: "request" | "consent" | null; note: string | null }
  | { action: "record_meeting"; heldOn: string; official: string; delegated: { official: string; approvedBy: string } | null }
  | { action: "record_hearing"; heldOn: string; form: "hearing" | "consultation"; summary: string }
  | { action: "answer"; text: string }
  | { action: "needs_study"; reason: string; newDate: string }
  | { action: "resolve"; outcome: string }
  | { action: "invite_co_handler"; specialistId: string }
  | { action: "request_transfer"; toSpecialistId: string; reason: string }
  | { action: "approve_transfer"; toUnitId: string }
  | { action: "hand_over"; toSpecialistId: string | null; toUnitId: string | null; reason: "deactivated" }
  | { action: "close_without_feedback" };

export interface RuleContext {
  now: number;
  calendar: WorkCalendar;
  /** The policy of each kind (an assessment may change the kind). */
  policies: Readonly<Record<CaseKind, SlaPolicy>>;
}

export type RefusalReason =
  | "not_allowed"
  | "illegal_status"
  | "not_for_kind"
  | "obligation_open"
  | "assessment_first"
  | "already_assessed"
  | "reason_required"
  | "meeting_in_past"
  | "meeting_not_working_day"
  | "meeting_after_due"
  | "held_in_future"
  | "delegation_needs_approval"
  | "study_after_due"
  | "study_once"
  | "study_date"
  | "already_co_handler"
  | "no_pending_transfer";

export interface Refused {
  ok: false;
  reason: RefusalReason;
  /** Values the message names (an obligation, a due date). */
  args: Record<string, string | number>;
}

export interface LedgerEvent {
  type: EventType;
  data: Record<string, unknown> | null;
  /** Set when the status changes. */
  from?: CaseStatus;
  to?: CaseStatus;
}

/** What the firm is told comes next: the earliest open obligation, or the survey. */
export type NextStep = { obligation: Obligation; dueAt: number; clock: ObligationRecord["clock"] } | { feedback: true } | { resolution: true } | null;

export type Notice =
  /** A bilingual status update to every reachable active member of the firm. */
  | { to: "firm"; template: "status"; event: EventType; next: NextStep; detail: { key: string; text: string } | null }
  | { to: "firm"; template: "survey" }
  | { to: "firm"; template: "closed_no_feedback" }
  /** The owner (or, for a queue case, the department), in Chinese. */
  | { to: "owner"; template: "investor_message" | "withdrawn" | "attachment" | "reopened"; args: Record<string, string | number> }
  | { to: "unit_heads"; template: "reopened"; args: Record<string, string | number> }
  | { to: "specialist"; specialistId: string; template: "co_handler_invited" | "new_owner"; args: Record<string, string | number> }
  | { to: "department"; template: "transfer_requested"; args: Record<string, string | number> };

export interface CasePatch {
  kind?: CaseKind;
  ownerId?: string | null;
  pendingOwnerId?: string | null;
  meetingAt?: number | null;
  acknowledgedAt?: number;
  resolvedAt?: number | null;
  closedAt?: number | null;
  feedback?: "satisfied" | "basically_satisfied" | "unsatisfied" | "none";
}

export interface Accepted {
  ok: true;
  status: CaseStatus;
  patch: CasePatch;
  events: LedgerEvent[];
  /** Obligations added or changed (keyed by obligation and cycle). */
  obligations: ObligationRecord[];
  coHandlersAdded: string[];
  notices: Notice[];
}

export type Decision = Accepted | Refused;

const refuse = (reason: RefusalReason, args: Record<string, string | number> = {}): Refused => ({ ok: false, reason, args });

/** How the actor stands to this case. */
export function roleOn(c: CaseSnapshot, actor: Actor): CaseRole {
  if (actor.type === "system") return "system";
  if (actor.type === "investor") return actor.activeFirmIds.includes(c.firmId) ? "investor" : "other_staff";
  if (actor.role === "admin") return "admin";
  if (actor.role === "bizenv") return "department";
  if (c.ownerId === actor.id) return "owner";
  if (actor.role === "unit_head" && c.ownerUnitId === actor.unitId) return "unit_head";
  if (c.coHandlers.includes(actor.id)) return "co_handler";
  return "other_staff";
}

/** 首问负责制: the owner, the owner's unit head and the supervising department answer for a case; admins run the service, not cases. */
const ANSWERABLE: readonly CaseRole[] = ["owner", "unit_head", "department"];
const HANDLING: readonly CaseRole[] = [...ANSWERABLE, "co_handler"];

/** Who may take each action. */
export const ROLES_FOR: Record<CaseAction, readonly CaseRole[]> = {
  withdraw: ["investor"],
  add_message: ["investor"],
  add_attachment: ["investor"],
  rate: ["investor"],
  comment: ["investor"],
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

/** Kinds each action applies to; absent: every kind. */
export const KINDS_FOR: Partial<Record<CaseAction, readonly CaseKind[]>> = {
  assess: ["urgent", "especially_urgent"],
  schedule_meeting: ["appointment"],
  record_meeting: ["appointment"],
  record_hearing: ["urgent", "especially_urgent"],
  answer: ["policy", "ordinary"],
  needs_study: ["policy", "ordinary"],
};

const OPEN: readonly CaseStatus[] = ["received", "assigned", "acknowledged", "in_progress", "meeting_scheduled"];
const STEP_TAKEN: Partial<Record<CaseStatus, CaseStatus>> = { received: "acknowledged", assigned: "acknowledged" };

/** The status each action leads to from each status it is allowed in. */
export const TRANSITIONS: Record<CaseAction, Partial<Record<CaseStatus, CaseStatus>>> = {
  withdraw: Object.fromEntries(OPEN.map((s) => [s, "withdrawn"])),
  add_message: same(OPEN),
  add_attachment: same(OPEN),
  rate: { resolved: "closed" },
  comment: same([...OPEN, "resolved", "closed"]),
  acknowledge: { received: "acknowledged", assigned: "acknowledged" },
  reply: { ...same(OPEN), ...STEP_TAKEN, acknowledged: "in_progress" },
  request_info: { ...same(OPEN), ...STEP_TAKEN, acknowledged: "in_progress" },
  assess: { ...same(OPEN), ...STEP_TAKEN },
  schedule_meeting: { received: "meeting_scheduled", assigned: "meeting_scheduled", acknowledged: "meeting_scheduled", in_progress: "meeting_scheduled", meeting_scheduled: "meeting_scheduled" },
  record_meeting: { received: "in_progress", assigned: "in_progress", acknowledged: "in_progress", in_progress: "in_progress", meeting_scheduled: "in_progress" },
  record_hearing: { acknowledged: "in_progress", in_progress: "in_progress" },
  answer: { received: "in_progress", assigned: "in_progress", acknowledged: "in_progress", in_progress: "in_progress" },
  needs_study: { ...same(OPEN), ...STEP_TAKEN },
  resolve: { assigned: "resolved", acknowledged: "resolved", in_progress: "resolved", meeting_scheduled: "resolved" },
  invite_co_handler: same(OPEN),
  request_transfer: same(OPEN),
  approve_transfer: { ...same(OPEN), received: "assigned" },
  hand_over: same(OPEN),
  close_without_feedback: { resolved: "closed" },
};

function same(statuses: readonly CaseStatus[]): Partial<Record<CaseStatus, CaseStatus>> {
  return Object.fromEntries(statuses.map((s) => [s, s]));
}

/** The three gates every action passes: who, which kind, which status. */
export function gate(c: CaseSnapshot, action: CaseAction, actor: Actor): Refused | { to: CaseStatus; role: CaseRole } {
  const role = roleOn(c, actor);
  // A queued case (no owner) is the department's: it takes the case and its obligations.
  if (!ROLES_FOR[action].includes(role)) return refuse("not_allowed");
  const kinds = KINDS_FOR[action];
  if (kinds && !kinds.includes(c.kind)) return refuse("not_for_kind");
  const to = TRANSITIONS[action][c.status];
  if (!to) return refuse("illegal_status");
  return { to, role };
}

function actorId(actor: Actor): string {
  return actor.type === "investor" ? `investor:${actor.telegramId}` : actor.type === "specialist" ? actor.id : "system";
}

/** The obligations of the current cycle met by this step, with who and when. */
function meet(c: CaseSnapshot, which: readonly Obligation[], at: number, by: string): ObligationRecord[] {
  return openObligations(c.obligations)
    .filter((o) => which.includes(o.obligation))
    .map((o) => ({ ...o, state: "met" as const, metAt: at, metBy: by }));
}

function findOpen(c: CaseSnapshot, obligation: Obligation): ObligationRecord | undefined {
  return openObligations(c.obligations).find((o) => o.obligation === obligation);
}

/** What comes next for the firm, after `changed` replaced their old records. */
export function nextStep(obligations: readonly ObligationRecord[], changed: readonly ObligationRecord[], status: CaseStatus): NextStep {
  if (status === "resolved") return { feedback: true };
  if (!isOpen(status)) return null;
  const key = (o: ObligationRecord) => `${o.obligation}:${o.cycle}`;
  const byKey = new Map(obligations.map((o) => [key(o), o]));
  for (const o of changed) byKey.set(key(o), o);
  const open = openObligations([...byKey.values()]);
  // The earliest due; at the same instant the kind's own step (an assessment) says more than "a first response".
  const next = open.find((o) => o.dueAt === open[0]?.dueAt && o.obligation !== "first_response") ?? open[0];
  return next ? { obligation: next.obligation, dueAt: next.dueAt, clock: next.clock } : { resolution: true };
}

export function decide(c: CaseSnapshot, command: Command, actor: Actor, rules: RuleContext): Decision {
  const gated = gate(c, command.action, actor);
  if ("ok" in gated) return gated;
  const { to, role } = gated;
  const { now } = rules;
  const by = actorId(actor);
  const accepted = (over: Partial<Accepted>): Accepted => ({ ok: true, status: to, patch: {}, events: [], obligations: [], coHandlersAdded: [], notices: [], ...over });
  const change = (type: EventType, data: LedgerEvent["data"]): LedgerEvent => (to === c.status ? { type, data } : { type, data, from: c.status, to });
  /** A real step by the responsible side: it is the first response, and a queued case becomes the department's. */
  const step = (): { patch: CasePatch; met: ObligationRecord[] } => {
    const patch: CasePatch = {};
    if (c.ownerId === null && actor.type === "specialist" && role === "department") patch.ownerId = actor.id;
    const first = findOpen(c, "first_response");
    if (first) patch.acknowledgedAt = now;
    return { patch, met: meet(c, ["first_response"], now, by) };
  };
  const statusNotice = (event: EventType, obligations: ObligationRecord[], detail: { key: string; text: string } | null = null, status = to): Notice => ({
    to: "firm",
    template: "status",
    event,
    next: nextStep(c.obligations, obligations, status),
    detail,
  });

  switch (command.action) {
    case "withdraw": {
      const cancelled = openObligations(c.obligations).map((o) => ({ ...o, state: "cancelled" as const }));
      return accepted({
        events: [change("withdrawn", { reason: command.reason })],
        obligations: cancelled,
        notices: [{ to: "owner", template: "withdrawn", args: { reason: command.reason } }],
      });
    }
    case "add_message":
      return accepted({ events: [{ type: "investor_message", data: { text: command.text } }], notices: [{ to: "owner", template: "investor_message", args: { text: command.text } }] });
    case "add_attachment":
      return accepted({ events: [{ type: "attachment", data: { name: command.name } }], notices: [{ to: "owner", template: "attachment", args: { name: command.name } }] });
    case "comment":
      return accepted({ events: [{ type: "feedback", data: { comment: command.text } }], notices: to === "in_progress" ? [{ to: "owner", template: "investor_message", args: { text: command.text } }] : [] });
    case "rate": {
      if (command.rating !== "unsatisfied") {
        return accepted({ patch: { feedback: command.rating, closedAt: now }, events: [change("feedback", { rating: command.rating })] });
      }
      // Unsatisfied reopens to the same owner; the original dues stay in history (cycle 1) for the figures.
      const cycle = Math.max(1, ...c.obligations.map((o) => o.cycle)) + 1;
      const policy = rules.policies[c.kind];
      const first = termsOf(policy)[0]!;
      const due = dueOf(rules.calendar, first, now);
      const reopened: ObligationRecord = { obligation: "first_response", cycle, clock: first.clock, dueAt: due.dueAt, originalDueAt: due.dueAt, state: "open", metAt: null, metBy: null, moved: false };
      const args = { due: due.dueAt };
      return {
        ok: true,
        status: "in_progress",
        patch: { feedback: "unsatisfied", resolvedAt: null, closedAt: null },
        events: [{ type: "reopened", data: { rating: command.rating, cycle, firstResponseDueAt: due.dueAt }, from: c.status, to: "in_progress" }],
        obligations: [reopened],
        coHandlersAdded: [],
        notices: [
          { to: "owner", template: "reopened", args },
          { to: "unit_heads", template: "reopened", args },
        ],
      };
    }
    case "acknowledge": {
      const { patch, met } = step();
      return accepted({ patch, events: [change("acknowledged", null)], obligations: met, notices: [statusNotice("acknowledged", met)] });
    }
    case "reply": {
      const { patch, met } = step();
      return accepted({ patch, events: [change("specialist_reply", { text: command.text })], obligations: met, notices: [statusNotice("specialist_reply", met, { key: "detail-reply", text: command.text })] });
    }
    case "request_info": {
      const { patch, met } = step();
      return accepted({ patch, events: [change("info_requested", { request: command.request })], obligations: met, notices: [statusNotice("info_requested", met, { key: "detail-info", text: command.request })] });
    }
    case "assess":
      return assess(c, command, rules, by, accepted, step, change, statusNotice);
    case "schedule_meeting":
      return scheduleMeeting(c, command, rules, accepted, step, change, statusNotice);
    case "record_meeting": {
      if (command.delegated && !command.delegated.approvedBy.trim()) return refuse("delegation_needs_approval");
      const heldAt = heldInstant(command.heldOn, c, now);
      if (heldAt === undefined) return refuse("held_in_future", { date: command.heldOn });
      const { patch, met } = step();
      const held = meet(c, ["meeting_held"], heldAt, by);
      const data = { heldOn: command.heldOn, official: command.official, delegated: command.delegated };
      const detail = command.delegated ? { key: "detail-meeting-delegated", text: command.delegated.official } : { key: "detail-meeting-held", text: command.official };
      const obligations = [...met, ...held];
      return accepted({ patch, events: [change("meeting_held", data)], obligations, notices: [statusNotice("meeting_held", obligations, detail)] });
    }
    case "record_hearing": {
      if (findOpen(c, "assessment")) return refuse("assessment_first");
      const heldAt = heldInstant(command.heldOn, c, now);
      if (heldAt === undefined) return refuse("held_in_future", { date: command.heldOn });
      const held = meet(c, ["hearing_held"], heldAt, by);
      return accepted({
        events: [change("hearing_held", { heldOn: command.heldOn, form: command.form, summary: command.summary })],
        obligations: held,
        notices: [statusNotice("hearing_held", held, { key: `detail-${command.form}-held`, text: command.summary })],
      });
    }
    case "answer": {
      const { patch, met } = step();
      const obligations = [...met, ...meet(c, ["answer"], now, by)];
      return accepted({ patch, events: [change("answered", { text: command.text })], obligations, notices: [statusNotice("answered", obligations, { key: "detail-answer", text: command.text })] });
    }
    case "needs_study":
      return needsStudy(c, command, rules, accepted, step, change, statusNotice);
    case "resolve": {
      const principal = findOpen(c, PRINCIPAL_OBLIGATION[c.kind]);
      if (principal) return refuse("obligation_open", { obligation: principal.obligation });
      const { patch, met } = step();
      return accepted({
        patch: { ...patch, resolvedAt: now },
        events: [change("resolved", { outcome: command.outcome })],
        obligations: met,
        notices: [statusNotice("resolved", met, { key: "detail-resolved", text: command.outcome }), { to: "firm", template: "survey" }],
      });
    }
    case "invite_co_handler": {
      if (command.specialistId === c.ownerId || c.coHandlers.includes(command.specialistId)) return refuse("already_co_handler");
      return accepted({
        events: [{ type: "co_handler_added", data: { specialistId: command.specialistId, by } }],
        coHandlersAdded: [command.specialistId],
        notices: [{ to: "specialist", specialistId: command.specialistId, template: "co_handler_invited", args: {} }],
      });
    }
    case "request_transfer":
      if (command.toSpecialistId === c.ownerId) return refuse("already_co_handler");
      return accepted({
        patch: { pendingOwnerId: command.toSpecialistId },
        events: [{ type: "transfer_requested", data: { to: command.toSpecialistId, reason: command.reason } }],
        notices: [{ to: "department", template: "transfer_requested", args: { to: command.toSpecialistId, reason: command.reason } }],
      });
    case "approve_transfer": {
      if (!c.pendingOwnerId) return refuse("no_pending_transfer");
      return accepted({
        patch: { ownerId: c.pendingOwnerId, pendingOwnerId: null },
        events: [change("transferred", { from: c.ownerId, to: c.pendingOwnerId, toUnitId: command.toUnitId, approvedBy: by })],
        notices: [
          { to: "specialist", specialistId: c.pendingOwnerId, template: "new_owner", args: { reason: "transfer" } },
          statusNotice("transferred", []),
        ],
      });
    }
    case "hand_over":
      return accepted({
        patch: { ownerId: command.toSpecialistId, pendingOwnerId: null },
        events: [{ type: "handed_over", data: { from: c.ownerId, to: command.toSpecialistId, reason: command.reason } }],
        notices: command.toSpecialistId ? [{ to: "specialist", specialistId: command.toSpecialistId, template: "new_owner", args: { reason: command.reason } }] : [],
      });
    case "close_without_feedback":
      return accepted({ patch: { feedback: "none", closedAt: now }, events: [change("closed", { reason: "no_feedback" })], notices: [{ to: "firm", template: "closed_no_feedback" }] });
  }
}

type Builders = [
  accepted: (over: Partial<Accepted>) => Accepted,
  step: () => { patch: CasePatch; met: ObligationRecord[] },
  change: (type: EventType, data: LedgerEvent["data"]) => LedgerEvent,
  statusNotice: (event: EventType, obligations: ObligationRecord[], detail?: { key: string; text: string } | null, status?: CaseStatus) => Notice,
];

/** A meeting or hearing is recorded on the day it was held: not before receipt, not in the future. */
function heldInstant(heldOn: string, c: CaseSnapshot, now: number): number | undefined {
  const today = beijingDate(now);
  if (heldOn > today || heldOn < beijingDate(c.receivedAt)) return undefined;
  // Held "today" counts now; an earlier day counts at its close, which is what its due compares with.
  return heldOn === today ? now : Math.max(c.receivedAt, closeOf(heldOn));
}

function assess(c: CaseSnapshot, command: Extract<Command, { action: "assess" }>, rules: RuleContext, by: string, ...[accepted, step, change, statusNotice]: Builders): Decision {
  const assessment = findOpen(c, "assessment");
  if (!assessment) return refuse("already_assessed");
  if (command.urgency === "not_urgent" && !command.reason?.trim()) return refuse("reason_required");
  const { patch, met } = step();
  const obligations = [...met, ...meet(c, ["assessment"], rules.now, by)];
  const kind: CaseKind = command.urgency === "not_urgent" ? "ordinary" : command.urgency;
  if (kind === "ordinary") {
    // Handled as an ordinary matter: no hearing is owed; an answer is, counted from receipt.
    const hearing = findOpen(c, "hearing_held");
    if (hearing) obligations.push({ ...hearing, state: "cancelled" });
    const answer = obligationsFor(rules.calendar, rules.policies.ordinary, c.receivedAt, assessment.cycle).records.find((o) => o.obligation === "answer")!;
    obligations.push(answer);
  }
  if (kind !== c.kind) patch.kind = kind;
  const detail = { key: `detail-assessed-${command.urgency}`, text: command.reason ?? "" };
  return accepted({
    patch,
    events: [change("assessed", { urgency: command.urgency, reason: command.reason, fromKind: c.kind, toKind: kind })],
    obligations,
    notices: [statusNotice("assessed", obligations, detail)],
  });
}

function scheduleMeeting(c: CaseSnapshot, command: Extract<Command, { action: "schedule_meeting" }>, rules: RuleContext, ...[accepted, step, change, statusNotice]: Builders): Decision {
  const at = instantOfBeijing(command.date, `${command.time}:00`);
  if (at <= rules.now) return refuse("meeting_in_past", { date: command.date });
  if (!isWorkingDay(rules.calendar, command.date)) return refuse("meeting_not_working_day", { date: command.date });
  const meeting = findOpen(c, "meeting_held");
  const { patch, met } = step();
  const obligations = [...met];
  const events: LedgerEvent[] = [change(c.status === "meeting_scheduled" ? "meeting_rescheduled" : "meeting_scheduled", { date: command.date, time: command.time, place: command.place, firmAsked: command.firmAsked, note: command.note })];
  if (meeting && command.date > beijingDate(meeting.dueAt)) {
    // A later date counts only if the firm asked for it or agreed to it; the due then moves to that day.
    if (!command.firmAsked) return refuse("meeting_after_due", { due: meeting.dueAt });
    const moved = { ...meeting, dueAt: closeOf(command.date), moved: true };
    obligations.push(moved);
    events.push({ type: "due_moved", data: { obligation: "meeting_held", from: meeting.dueAt, to: moved.dueAt, because: command.firmAsked, note: command.note } });
  }
  return accepted({
    patch: { ...patch, meetingAt: at },
    events,
    obligations,
    notices: [statusNotice("meeting_scheduled", obligations, { key: "detail-meeting", text: command.place })],
  });
}

function needsStudy(c: CaseSnapshot, command: Extract<Command, { action: "needs_study" }>, rules: RuleContext, ...[accepted, step, change, statusNotice]: Builders): Decision {
  const answer = findOpen(c, "answer");
  if (!answer) return refuse("illegal_status");
  if (answer.moved) return refuse("study_once");
  // The notice must reach the firm before the answer falls due.
  if (rules.now > answer.dueAt) return refuse("study_after_due", { due: answer.dueAt });
  if (!command.reason.trim()) return refuse("reason_required");
  const dueDay = beijingDate(answer.dueAt);
  const latest = workingDayAfter(rules.calendar, dueDay, STUDY_MAX_EXTENSION_WORKING_DAYS);
  if (command.newDate <= dueDay || command.newDate > latest || !isWorkingDay(rules.calendar, command.newDate)) {
    return refuse("study_date", { after: addDays(dueDay, 1), latest });
  }
  const { patch, met } = step();
  const moved = { ...answer, dueAt: closeOf(command.newDate), moved: true };
  const obligations = [...met, moved];
  return accepted({
    patch,
    events: [
      change("study_notice", { reason: command.reason, newDate: command.newDate }),
      { type: "due_moved", data: { obligation: "answer", from: answer.dueAt, to: moved.dueAt, because: "study" } },
    ],
    obligations,
    notices: [statusNotice("study_notice", obligations, { key: "detail-study", text: command.reason })],
  });
}
