// The case vocabulary, defined once: the schema, the bot, the cron, the web and the admin API
// import these names; each has its label in the Fluent catalogs (kind-*, status-*, obligation-*,
// event-*, notice-*).

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * What a firm asked for. `ordinary` is an urgent appeal the responsible official assessed as not
 * urgent: handled as an ordinary matter, with an answer due like a policy question.
 */
export const CASE_KINDS = ["appointment", "urgent", "especially_urgent", "policy", "ordinary"] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Kinds a firm can file itself; `ordinary` only comes out of an assessment. */
export const FILED_KINDS = ["appointment", "urgent", "especially_urgent", "policy"] as const satisfies readonly CaseKind[];

export const CASE_STATUSES = [
  "received",
  "assigned",
  "acknowledged",
  "in_progress",
  "meeting_scheduled",
  "resolved",
  "closed",
  "withdrawn",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const OPEN_STATUSES = ["received", "assigned", "acknowledged", "in_progress", "meeting_scheduled"] as const satisfies readonly CaseStatus[];

export function isOpen(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

/** What the responsible side owes by a due instant; each is met by its own step. */
export const OBLIGATIONS = ["first_response", "assessment", "meeting_held", "hearing_held", "answer"] as const;
export type Obligation = (typeof OBLIGATIONS)[number];

/** open: owed; met: its step was recorded; cancelled: no longer owed (withdrawn case, downgraded appeal). */
export const OBLIGATION_STATES = ["open", "met", "cancelled"] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

/** Staff roles; an investor is a member of a firm, not a role on a specialist. */
export const SPECIALIST_ROLES = ["specialist", "unit_head", "bizenv", "admin"] as const;
export type SpecialistRole = (typeof SPECIALIST_ROLES)[number];

/** How an actor stands to a case, worked out from who they are: the rules speak of these. */
export const CASE_ROLES = ["investor", "owner", "co_handler", "unit_head", "department", "admin", "other_staff", "system"] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const URGENCIES = ["urgent", "especially_urgent", "not_urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Stored as given; "basically_satisfied" (基本满意) reads "Mostly satisfied" in English. */
export const RATINGS = ["satisfied", "basically_satisfied", "unsatisfied"] as const;
export type Rating = (typeof RATINGS)[number];

export const CASE_ACTIONS = [
  // the firm
  "withdraw",
  "add_message",
  "add_attachment",
  "rate",
  "comment",
  // the responsible side
  "acknowledge",
  "reply",
  "request_info",
  "assess",
  "schedule_meeting",
  "record_meeting",
  "record_hearing",
  "answer",
  "needs_study",
  "resolve",
  "invite_co_handler",
  "request_transfer",
  "approve_transfer",
  // the system (cron, admin hand-overs)
  "hand_over",
  "close_without_feedback",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Every kind of ledger event (问题台账); each has its label event-<type> in the catalogs. */
export const EVENT_TYPES = [
  "received",
  "assigned",
  "acknowledged",
  "withdrawn",
  "investor_message",
  "attachment",
  "specialist_reply",
  "info_requested",
  "assessed",
  "meeting_scheduled",
  "meeting_rescheduled",
  "due_moved",
  "meeting_held",
  "hearing_held",
  "answered",
  "study_notice",
  "resolved",
  "reopened",
  "closed",
  "feedback",
  "co_handler_added",
  "transfer_requested",
  "transferred",
  "handed_over",
  "notice_drafted",
  "notice_signed",
  "notice_replied",
  "notice_voided",
  // kept for ledgers written before the case engine v2
  "meeting_delegated",
  "escalated",
  "reminder",
  "dues_changed",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Ledger events between the supervising office and the unit: investors see only 「督办中」, never these. */
export const SUPERVISION_EVENTS: readonly EventType[] = ["notice_drafted", "notice_signed", "notice_replied", "notice_voided", "escalated", "reminder"];

export function investorSees(type: string): boolean {
  return !(SUPERVISION_EVENTS as readonly string[]).includes(type);
}

export const ACTOR_TYPES = ["investor", "specialist", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** 三书一函, in rising severity. */
export const SUPERVISION_LEVELS = [
  { level: 1, notice: "reminder_letter" },
  { level: 2, notice: "rectification_notice" },
  { level: 3, notice: "key_supervision_notice" },
  { level: 4, notice: "accountability_interview" },
] as const;
export type SupervisionNoticeType = (typeof SUPERVISION_LEVELS)[number]["notice"];

/** draft: awaiting sign-off; signed: issued to the unit; void: its obligation was met before sign-off. */
export const NOTICE_STATUSES = ["draft", "signed", "void"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const RECEIPT_CHANNELS = ["telegram", "hotline_12345", "service_hall", "enterprise_code", "phone"] as const;
export type ReceiptChannel = (typeof RECEIPT_CHANNELS)[number];

/** Channels staff record a case from (the bot's own cases are `telegram`). */
export const RECORDED_CHANNELS = ["hotline_12345", "service_hall", "enterprise_code", "phone"] as const satisfies readonly ReceiptChannel[];
export type RecordedChannel = (typeof RECORDED_CHANNELS)[number];

/** Staff who may record a case received outside the bot: specialists (unit heads among them) and the department. */
export const RECORDING_ROLES = ["specialist", "unit_head", "bizenv"] as const satisfies readonly SpecialistRole[];
