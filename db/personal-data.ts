// The personal data the service keeps (PIPL), column by column, and what /deleteme does with each
// (db/queries/erase.ts, in the update's one batch). Every column of every table is listed, personal
// or not: tests/unit/personal-data.test.ts walks this list against the Drizzle schema, so a new
// column cannot be added without deciding here. Staff (specialists) are not erased by /deleteme:
// their accounts are the administration's, managed by admins (deactivate, re-invite).
//
// Erasing the person's words inside `cases` and `case_events` is a change to those tables: it is
// erasure, not a case transition (no status, version or dues change), and lives in erase.ts only.
// Plain literals only (no calls), so the Workers' bundles, which need just the key lists, drop the rest.

export type Treatment =
  | { personal: false }
  /** The person's rows are deleted, this column with them. */
  | { personal: true; erase: "delete-row" }
  /** Set to NULL where it points at the person; the row stays. */
  | { personal: true; erase: "null" }
  /** Replaced by a placeholder (the erased marker, or 0 for a required id); the row stays. */
  | { personal: true; erase: "anonymise" }
  /** A JSON object whose values under these keys (the person's own words) are replaced by the erased marker. */
  | { personal: true; erase: "redact-json"; keys: readonly string[] }
  /** Personal, but not the erased person's to erase: why it stays. */
  | { personal: true; erase: "kept"; why: string };

export interface TableEntry {
  /** Which rows are the person's, and what happens to them. */
  rows: string;
  columns: Record<string, Treatment>;
}

const no: Treatment = { personal: false };
const deleteRow: Treatment = { personal: true, erase: "delete-row" };
const nullify: Treatment = { personal: true, erase: "null" };
const anonymise: Treatment = { personal: true, erase: "anonymise" };
const staff: Treatment = { personal: true, erase: "kept", why: "a specialist's, kept with the staff account (admins deactivate or re-invite it)" };

/** The investor's free-text answers in a case's details (bots/forms/definitions.ts): the rest are choice codes. */
export const CASE_DETAIL_TEXT_KEYS = [
  "counterpart", "topic", "preferred_time", "attendees",
  "difficulty", "impact", "help_asked", "urgency_reason",
  "policy", "question",
] as const;

/** The investor's own words in their ledger events: a message, a withdrawal's reason, a rating's comment, a file's name. */
export const INVESTOR_EVENT_TEXT_KEYS = ["text", "reason", "comment", "name"] as const;

export const PERSONAL_DATA: Record<string, TableEntry> = {
  users: {
    rows: "the person's row (telegram_id): deleted",
    columns: {
      telegram_id: deleteRow, locale: deleteRow, chat_id: deleteRow, display_name: deleteRow, phone: deleteRow,
      privacy_accepted_at: deleteRow, unreachable_at: deleteRow, erased_at: deleteRow, created_at: deleteRow, updated_at: deleteRow,
    },
  },
  sessions: {
    rows: "the person's conversation (telegram_id): deleted, with any half-filled form",
    columns: { telegram_id: deleteRow, state: deleteRow, version: no, expires_at: no, updated_at: no },
  },
  firm_members: {
    rows: "the person's memberships: deleted; approved_by is cleared where they approved someone",
    columns: { firm_id: no, telegram_id: deleteRow, status: no, approved_by: nullify, created_at: no },
  },
  cases: {
    rows: "cases they filed (created_by): kept for the firm and for supervision, unlinked, their words replaced; a case staff recorded with the person's phone as its contact: the contact cleared",
    columns: {
      id: no, ref: no, firm_id: no, created_by: nullify, kind: no, status: no,
      summary: anonymise, details: { personal: true, erase: "redact-json", keys: CASE_DETAIL_TEXT_KEYS },
      owner_id: no, pending_owner_id: no, received_at: no, first_response_due_at: no, resolution_due_at: no,
      acknowledged_at: no, meeting_at: no, resolved_at: no, closed_at: no, calendar_warning: no, escalation_level: no,
      next_alert_at: no, feedback: no, public_token_hash: no, link_generation: no, version: no, updated_at: no,
      channel: no, ticket_no: no, recorded_by: staff, contact_name: nullify, contact_phone: nullify,
    },
  },
  case_events: {
    rows: "events the person caused (actor_type 'investor', actor_id): kept in the ledger, unlinked, their words replaced",
    columns: {
      id: no, case_id: no, at: no, actor_type: no, actor_id: nullify, type: no, from_status: no, to_status: no,
      data: { personal: true, erase: "redact-json", keys: INVESTOR_EVENT_TEXT_KEYS },
    },
  },
  attachments: {
    rows: "files the person sent (telegram_id): those not yet part of a case are deleted; a case's files stay as its evidence, unlinked, their names replaced",
    columns: {
      id: no, case_id: no, telegram_id: anonymise,
      file_id: { personal: true, erase: "kept", why: "a case's file is the firm's evidence; the person's files without a case are deleted with their row" },
      file_unique_id: { personal: true, erase: "kept", why: "as file_id: it names the same file" },
      file_name: anonymise, mime_type: no, size: no, kind: no, created_at: no,
    },
  },
  outbox: {
    rows: "messages to the person's chat, and messages about them (about_telegram_id: their words, name or id), whatever their status: deleted",
    columns: {
      id: no, dedupe_key: deleteRow, chat_id: deleteRow, channel: no, chat_kind: no, method: no, payload: deleteRow, case_id: no,
      about_telegram_id: deleteRow, status: no, attempts: no, next_attempt_at: no, lease_until: no, last_error: no,
      created_at: no, sent_at: no, dead_at: no,
    },
  },
  translations: {
    rows: "translations of the person's words (about_telegram_id): deleted; the rest go with the outbox's retention",
    columns: { hash: no, translated_text: deleteRow, about_telegram_id: deleteRow, created_at: no },
  },
  specialists: {
    rows: "none: staff accounts",
    columns: {
      id: no, telegram_id: staff, name: staff, unit_id: no, area_code: no, role: no, on_duty: no, deputy_id: no,
      notice_chat_id: staff, invite_code_hash: no, invite_expires_at: no, active: no, session_generation: no, created_at: no,
    },
  },
  audit_events: {
    rows: "none: admins' actions",
    columns: { id: no, at: no, actor: staff, action: no, target: no, data: { personal: true, erase: "kept", why: "an admin's change as made (a specialist's name when invited): the audit trail" } },
  },
  web_sign_ins: {
    rows: "none: staff sign-ins",
    columns: { token_hash: no, specialist_id: no, expires_at: no, used_at: no, created_at: no },
  },
  passkeys: {
    rows: "none: staff passkeys (a re-invite deletes a specialist's)",
    columns: {
      credential_id: no, specialist_id: no, public_key: no, algorithm: no, sign_count: no, transports: no, generation: no, created_at: no, last_used_at: staff,
    },
  },
  webauthn_challenges: {
    rows: "none: open passkey ceremonies, 5 minutes",
    columns: { challenge_hash: no, ceremony: no, specialist_id: no, invite_code_hash: no, generation: no, expires_at: no },
  },
  firms: {
    rows: "none: a firm's registration is about the firm, a legal person",
    columns: {
      id: no, uscc: no, name_zh: no, name_en: no, area_code: no, industry: no, foreign_invested: no, investor_country: no,
      specialist_id: no, created_at: no,
    },
  },
  notice_robots: {
    rows: "none: a unit's or a specialist's group robot, set by admins",
    columns: {
      id: no, unit_id: no, specialist_id: no, kind: no, credential: no, hint: no, last_error: no, last_error_at: no, updated_at: no,
      mention_mobiles: { personal: true, erase: "kept", why: "staff mobile numbers an admin gave for @-mentions in a unit's group; admins change or clear them (PUT …/channel)" },
    },
  },
  units: {
    rows: "none",
    columns: { id: no, name_zh: no, name_en: no, kind: no, area_code: no, notice_chat_id: no, created_at: no },
  },
  processed_updates: {
    rows: "replies still kept for the person's chat (replies_chat_id): cleared; the marks themselves are not linked to a person",
    columns: { update_id: no, processed_at: no, replies: nullify, replies_lease_until: no, replies_chat_id: nullify },
  },
  rate_counters: {
    rows: "the person's counters (telegram_id): deleted",
    columns: { telegram_id: deleteRow, action: no, window_start: no, count: no },
  },
  case_ref_counters: { rows: "none", columns: { year: no, last: no } },
  calendar_days: { rows: "none", columns: { date: no, kind: no, name: no, year: no } },
  calendar_years: { rows: "none", columns: { year: no, source: no, loaded_at: no } },
  sla_policies: {
    rows: "none",
    columns: { kind: no, first_response_working_days: no, first_response_hours: no, resolution_working_days: no, updated_at: no },
  },
  settings: { rows: "none: the cron's marks and switches", columns: { key: no, value: no, updated_at: no } },
  tx_guard: { rows: "none", columns: { ok: no } },
  case_obligations: {
    rows: "none of an investor's: what a case owes; met_by names the specialist who took the step",
    columns: { case_id: no, obligation: no, cycle: no, clock: no, due_at: no, original_due_at: no, state: no, met_at: no, met_by: staff, moved: no },
  },
  case_co_handlers: {
    rows: "none of an investor's: the specialists co-handling a case",
    columns: { case_id: no, specialist_id: staff, added_by: staff, added_at: no },
  },
  supervision_notices: {
    rows: "none of an investor's: the supervising office's documents to a unit (case ref, kind, dues; no investor's words)",
    columns: {
      id: no, case_id: no, level: no, notice: no, obligation: no, missed_due_at: no, unit_id: no, status: no, drafted_at: no,
      number: no, signed_at: no, signed_by: staff, deadline_at: no, text: no, reply_text: staff, replied_at: no, replied_by: staff,
    },
  },
  notice_number_counters: { rows: "none", columns: { year: no, last: no } },
};
