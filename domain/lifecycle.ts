// The case lifecycle as an explicit state machine: every change a person or the system makes is
// an action; an action not in the table for the case's status (or kind) is refused.
export type CaseStatus = "received" | "assigned" | "acknowledged" | "in_progress" | "meeting_scheduled" | "resolved" | "closed" | "withdrawn";
export type CaseKind = "appointment" | "urgent" | "especially_urgent" | "policy";

export type CaseAction =
  | "assign"
  | "acknowledge"
  | "reply"
  | "request_info"
  | "schedule_meeting"
  | "reschedule_meeting"
  | "transfer"
  | "accept_transfer"
  | "resolve"
  | "feedback_satisfied"
  | "feedback_unsatisfied"
  | "close_without_feedback"
  | "withdraw"
  | "add_message";

export const OPEN_STATUSES: readonly CaseStatus[] = ["received", "assigned", "acknowledged", "in_progress", "meeting_scheduled"];

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

type Table = Partial<Record<CaseAction, Partial<Record<CaseStatus, CaseStatus>>>>;

const same = (statuses: readonly CaseStatus[]) => Object.fromEntries(statuses.map((s) => [s, s])) as Partial<Record<CaseStatus, CaseStatus>>;

const TRANSITIONS: Table = {
  assign: { received: "assigned", assigned: "assigned" },
  acknowledge: { received: "acknowledged", assigned: "acknowledged" },
  // A reply or a request for information is also the first response.
  reply: { received: "acknowledged", assigned: "acknowledged", acknowledged: "in_progress", in_progress: "in_progress", meeting_scheduled: "meeting_scheduled" },
  request_info: { received: "acknowledged", assigned: "acknowledged", acknowledged: "in_progress", in_progress: "in_progress", meeting_scheduled: "meeting_scheduled" },
  schedule_meeting: { received: "meeting_scheduled", assigned: "meeting_scheduled", acknowledged: "meeting_scheduled", in_progress: "meeting_scheduled" },
  reschedule_meeting: { meeting_scheduled: "meeting_scheduled" },
  transfer: same(OPEN_STATUSES),
  accept_transfer: { ...same(OPEN_STATUSES), received: "assigned" },
  resolve: { assigned: "resolved", acknowledged: "resolved", in_progress: "resolved", meeting_scheduled: "resolved" },
  feedback_satisfied: { resolved: "closed" },
  close_without_feedback: { resolved: "closed" },
  // 不满意 reopens the case to the same owner.
  feedback_unsatisfied: { resolved: "in_progress", closed: "in_progress" },
  withdraw: { received: "withdrawn", assigned: "withdrawn", acknowledged: "withdrawn", in_progress: "withdrawn", meeting_scheduled: "withdrawn" },
  add_message: same(OPEN_STATUSES),
};

const KIND_ONLY: Partial<Record<CaseAction, CaseKind>> = { schedule_meeting: "appointment", reschedule_meeting: "appointment" };

export type Transition = { ok: true; to: CaseStatus } | { ok: false; reason: "illegal_transition" | "not_for_kind" };

export function transition(status: CaseStatus, action: CaseAction, kind: CaseKind): Transition {
  const only = KIND_ONLY[action];
  if (only && only !== kind) return { ok: false, reason: "not_for_kind" };
  const to = TRANSITIONS[action]?.[status];
  return to ? { ok: true, to } : { ok: false, reason: "illegal_transition" };
}

/** Changes the firm is told of (bilingual status updates). */
const INVESTOR_FACING: readonly CaseAction[] = [
  "assign", "acknowledge", "reply", "request_info", "schedule_meeting", "reschedule_meeting", "accept_transfer", "resolve", "feedback_unsatisfied",
];

export function notifiesInvestor(action: CaseAction): boolean {
  return INVESTOR_FACING.includes(action);
}

export const CASE_ACTIONS = Object.keys(TRANSITIONS) as CaseAction[];
export const CASE_STATUSES: readonly CaseStatus[] = [...OPEN_STATUSES, "resolved", "closed", "withdrawn"];
