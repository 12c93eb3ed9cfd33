// Drizzle schema for the whole service. Instants are integer milliseconds since the Unix epoch
// (UTC); calendar dates are 'YYYY-MM-DD' strings in Asia/Shanghai. Ids that must be known before
// a batch runs (firms, cases, specialists) are text ids made in the Worker, so one batch can insert
// a row and the rows that point at it.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { RATE_ACTIONS } from "../domain/rate-limits.ts";

import {
  ACTOR_TYPES,
  CASE_KINDS,
  CASE_STATUSES,
  EVENT_TYPES,
  LOCALES,
  NOTICE_STATUSES,
  OBLIGATION_STATES,
  OBLIGATIONS,
  RATINGS,
  RECEIPT_CHANNELS,
  SPECIALIST_ROLES,
  SUPERVISION_LEVELS,
} from "../domain/vocabulary.ts";

const createdAt = () => integer("created_at").notNull();

/** A Telegram user who has talked to the bot. Personal fields stay null until the privacy notice is accepted. */
export const users = sqliteTable("users", {
  telegramId: integer("telegram_id").primaryKey(),
  locale: text("locale", { enum: LOCALES }),
  chatId: integer("chat_id"),
  displayName: text("display_name"),
  phone: text("phone"),
  privacyAcceptedAt: integer("privacy_accepted_at"),
  unreachableAt: integer("unreachable_at"),
  erasedAt: integer("erased_at"),
  createdAt: createdAt(),
  updatedAt: integer("updated_at").notNull(),
});

/** Conversation state of one user (intake forms, pending confirmations), with a version for optimistic locking. */
export const sessions = sqliteTable(
  "sessions",
  {
    telegramId: integer("telegram_id").primaryKey(),
    /** null: no conversation in progress. */
    state: text("state", { mode: "json" }),
    version: integer("version").notNull(),
    expiresAt: integer("expires_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("sessions_expiry").on(t.expiresAt).where(sql`expires_at IS NOT NULL`)],
);

/** Units: a city/county or park administration, a provincial department, or the business-environment department. */
export const units = sqliteTable("units", {
  id: text("id").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  kind: text("kind", { enum: ["city", "park", "department", "bizenv"] }).notNull(),
  areaCode: text("area_code"),
  noticeChatId: integer("notice_chat_id"),
  createdAt: createdAt(),
});

export const specialists = sqliteTable(
  "specialists",
  {
    id: text("id").primaryKey(),
    telegramId: integer("telegram_id").unique(),
    name: text("name").notNull(),
    unitId: text("unit_id").notNull().references(() => units.id),
    areaCode: text("area_code"),
    role: text("role", { enum: SPECIALIST_ROLES }).notNull(),
    onDuty: integer("on_duty", { mode: "boolean" }).notNull().default(false),
    deputyId: text("deputy_id"),
    noticeChatId: integer("notice_chat_id"),
    inviteCodeHash: text("invite_code_hash").unique(),
    inviteExpiresAt: integer("invite_expires_at"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Bumped when the account changes hands or is deactivated (re-invite, deactivation): web sessions of an older generation end at once. */
    sessionGeneration: integer("session_generation").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("specialists_area_duty").on(t.areaCode, t.onDuty)],
);

export const firms = sqliteTable("firms", {
  id: text("id").primaryKey(),
  uscc: text("uscc").notNull().unique(),
  nameZh: text("name_zh"),
  nameEn: text("name_en"),
  areaCode: text("area_code").notNull(),
  industry: text("industry").notNull(),
  foreignInvested: integer("foreign_invested", { mode: "boolean" }).notNull(),
  investorCountry: text("investor_country"),
  specialistId: text("specialist_id").references(() => specialists.id),
  createdAt: createdAt(),
});

export const firmMembers = sqliteTable(
  "firm_members",
  {
    firmId: text("firm_id").notNull().references(() => firms.id),
    telegramId: integer("telegram_id").notNull().references(() => users.telegramId),
    /**
     * active: verified (speaks for the firm, approves others); unverified: claimed the firm, awaiting
     * verification by its specialist or the department (files cases, sees only their own); pending:
     * asked to join a verified firm; rejected.
     */
    status: text("status", { enum: ["pending", "unverified", "active", "rejected"] }).notNull(),
    approvedBy: integer("approved_by"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.telegramId] }),
    index("firm_members_user").on(t.telegramId),
    // /deleteme clears the person as the approver of others.
    index("firm_members_approver").on(t.approvedBy).where(sql`approved_by IS NOT NULL`),
  ],
);

export const caseRefCounters = sqliteTable("case_ref_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});

export const cases = sqliteTable(
  "cases",
  {
    id: text("id").primaryKey(),
    ref: text("ref").notNull().unique(),
    firmId: text("firm_id").notNull().references(() => firms.id),
    createdBy: integer("created_by"),
    kind: text("kind", { enum: CASE_KINDS }).notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull(),
    summary: text("summary").notNull(),
    details: text("details", { mode: "json" }).notNull(),
    ownerId: text("owner_id").references(() => specialists.id),
    pendingOwnerId: text("pending_owner_id").references(() => specialists.id),
    receivedAt: integer("received_at").notNull(),
    /** Copies of the current first-response due and of the kind's principal obligation's due (case_obligations), for lists. */
    firstResponseDueAt: integer("first_response_due_at").notNull(),
    resolutionDueAt: integer("resolution_due_at").notNull(),
    acknowledgedAt: integer("acknowledged_at"),
    meetingAt: integer("meeting_at"),
    resolvedAt: integer("resolved_at"),
    closedAt: integer("closed_at"),
    calendarWarning: text("calendar_warning"),
    /** The highest supervision notice signed off for this case (0: none); investors see "under supervision". */
    escalationLevel: integer("escalation_level").notNull().default(0),
    /** When the cron must next look at this case (a reminder, an escalation, the survey); null: nothing pending. */
    nextAlertAt: integer("next_alert_at"),
    feedback: text("feedback", { enum: [...RATINGS, "none"] }),
    /** How the case came in: the bot, or recorded by staff from the hotline, a counter, 企业码 or a phone call. */
    channel: text("channel", { enum: RECEIPT_CHANNELS }).notNull().default("telegram"),
    /** The 12345 hotline's ticket number: one case per ticket. */
    ticketNo: text("ticket_no"),
    /** The specialist who recorded a case received outside the bot. */
    recordedBy: text("recorded_by").references(() => specialists.id),
    /** Whom to call back about a recorded case (the caller is not a bot user). */
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    publicTokenHash: text("public_token_hash").unique(),
    /** Bumped to revoke the case page's link: the token is derived from the case id and this. */
    linkGeneration: integer("link_generation").notNull().default(1),
    version: integer("version").notNull().default(1),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("cases_firm").on(t.firmId, t.receivedAt),
    // /privacy counts and /deleteme finds the cases a person filed.
    index("cases_created_by").on(t.createdBy).where(sql`created_by IS NOT NULL`),
    // The ledger's order and the figures' period.
    index("cases_received").on(t.receivedAt),
    index("cases_owner_open").on(t.ownerId, t.status),
    // The cron selects by these due columns; only open cases carry them in the partial indexes.
    index("cases_first_response_due")
      .on(t.firstResponseDueAt)
      .where(sql`acknowledged_at IS NULL AND status IN ('received','assigned')`),
    index("cases_resolution_due")
      .on(t.resolutionDueAt)
      .where(sql`status IN ('received','assigned','acknowledged','in_progress','meeting_scheduled')`),
    // The cron's only way in: cases whose next alert is due, never a scan of all open cases.
    index("cases_next_alert").on(t.nextAlertAt).where(sql`next_alert_at IS NOT NULL`),
    uniqueIndex("cases_ticket_no").on(t.ticketNo).where(sql`ticket_no IS NOT NULL`),
    // /deleteme clears a recorded case's contact where it is the person's phone.
    index("cases_contact_phone").on(t.contactPhone).where(sql`contact_phone IS NOT NULL`),
  ],
);

/** What a case owes (first response, assessment, meeting or hearing held, answer): each met by its own step. */
export const caseObligations = sqliteTable(
  "case_obligations",
  {
    caseId: text("case_id").notNull().references(() => cases.id),
    obligation: text("obligation", { enum: OBLIGATIONS }).notNull(),
    /** 1 as filed; a case reopened by an unsatisfied firm owes again in the next cycle. */
    cycle: integer("cycle").notNull(),
    clock: text("clock", { enum: ["working_days", "hours"] }).notNull(),
    dueAt: integer("due_at").notNull(),
    originalDueAt: integer("original_due_at").notNull(),
    state: text("state", { enum: OBLIGATION_STATES }).notNull(),
    metAt: integer("met_at"),
    metBy: text("met_by"),
    moved: integer("moved", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.obligation, t.cycle] }),
    // Open obligations by due: the figures' "due by now" and any look-up of what is owed, never a scan.
    index("case_obligations_open_due").on(t.dueAt).where(sql`state = 'open'`),
  ],
);

/** Co-handlers (协办) a case's owner brought in: they see and act on the case; the owner stays answerable. */
export const caseCoHandlers = sqliteTable(
  "case_co_handlers",
  {
    caseId: text("case_id").notNull().references(() => cases.id),
    specialistId: text("specialist_id").notNull().references(() => specialists.id),
    addedBy: text("added_by").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.specialistId] }), index("case_co_handlers_specialist").on(t.specialistId)],
);

/** 三书一函: supervision notices, drafted by the cron, signed off by the department, issued to the responsible unit. */
export const supervisionNotices = sqliteTable(
  "supervision_notices",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull().references(() => cases.id),
    level: integer("level").notNull(),
    notice: text("notice", { enum: SUPERVISION_LEVELS.map((l) => l.notice) as [string, ...string[]] }).notNull(),
    obligation: text("obligation", { enum: OBLIGATIONS }).notNull(),
    missedDueAt: integer("missed_due_at").notNull(),
    /** The responsible unit addressed; the department's own unit for a queue case. */
    unitId: text("unit_id").references(() => units.id),
    status: text("status", { enum: NOTICE_STATUSES }).notNull(),
    draftedAt: integer("drafted_at").notNull(),
    /** 文号, given at sign-off from a per-year sequence with no gaps. */
    number: text("number").unique(),
    signedAt: integer("signed_at"),
    signedBy: text("signed_by"),
    /** The rectification deadline set at sign-off. */
    deadlineAt: integer("deadline_at"),
    /** The document as issued (Chinese), frozen at sign-off. */
    text: text("text"),
    replyText: text("reply_text"),
    repliedAt: integer("replied_at"),
    repliedBy: text("replied_by"),
  },
  (t) => [
    // One live notice per level per case, however often the cron runs; a voided draft leaves room for the next.
    uniqueIndex("supervision_notices_case_level").on(t.caseId, t.level).where(sql`status <> 'void'`),
    index("supervision_notices_drafts").on(t.draftedAt).where(sql`status = 'draft'`),
    index("supervision_notices_unit").on(t.unitId, t.signedAt),
  ],
);

/** The per-year sequence of 文号. */
export const noticeNumberCounters = sqliteTable("notice_number_counters", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull(),
});

/** The ledger (问题台账): append-only; every change to a case writes one row here. */
export const caseEvents = sqliteTable(
  "case_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: text("case_id").notNull().references(() => cases.id),
    at: integer("at").notNull(),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    data: text("data", { mode: "json" }),
  },
  (t) => [
    index("case_events_case").on(t.caseId, t.id),
    // /deleteme finds the events a person caused.
    index("case_events_investor").on(t.actorId).where(sql`actor_type = 'investor'`),
  ],
);

export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: text("case_id").references(() => cases.id),
    telegramId: integer("telegram_id").notNull(),
    fileId: text("file_id").notNull(),
    fileUniqueId: text("file_unique_id").notNull(),
    fileName: text("file_name"),
    mimeType: text("mime_type"),
    size: integer("size"),
    kind: text("kind", { enum: ["photo", "document"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_case").on(t.caseId),
    // A person's files waiting for the case their form will file, and /deleteme.
    index("attachments_sender").on(t.telegramId),
  ],
);

export const OUTBOX_STATUSES = ["pending", "sent", "dead", "unreachable"] as const;
/** How an outbox row travels (workers/outbox/channels/): its chat_id is the recipient within that channel. */
export const OUTBOX_CHANNELS = ["telegram", "portal", "dingtalk", "wecom"] as const;
export const ROBOT_KINDS = ["dingtalk", "wecom"] as const;

/**
 * Every message to another person goes out through here, once per dedupe key. A row Telegram (or
 * the portal) will never take is `dead` (dead-lettered): the admins are told, the supervisors' web
 * lists it and can send it again. `unreachable`: the person blocked the bot.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").notNull().unique(),
    /** The recipient within its channel: a Telegram chat, a robot's id (notice_robots), 0 for the portal's one endpoint. */
    chatId: integer("chat_id").notNull(),
    channel: text("channel", { enum: OUTBOX_CHANNELS }).notNull().default("telegram"),
    chatKind: text("chat_kind", { enum: ["private", "group"] }).notNull().default("private"),
    method: text("method").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    caseId: text("case_id"),
    /** The person whose words, name or id the message carries besides its recipient (a join request, an owner's notice): /deleteme removes it. */
    aboutTelegramId: integer("about_telegram_id"),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    leaseUntil: integer("lease_until"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at"),
    deadAt: integer("dead_at"),
  },
  (t) => [
    index("outbox_due").on(t.nextAttemptAt).where(sql`status = 'pending'`),
    // Retention: sent rows go after OUTBOX_RETENTION_DAYS, found by this index (workers/jobs/retention.ts).
    index("outbox_sent").on(t.sentAt).where(sql`status = 'sent'`),
    // /deleteme: the person's messages and the messages about them.
    index("outbox_chat").on(t.chatId),
    index("outbox_about").on(t.aboutTelegramId).where(sql`about_telegram_id IS NOT NULL`),
    // A chat's earlier pending rows hold back its later ones (per-recipient order).
    index("outbox_chat_pending").on(t.channel, t.chatId, t.id).where(sql`status = 'pending'`),
    index("outbox_dead").on(t.deadAt).where(sql`status = 'dead'`),
  ],
);

/**
 * A unit's or a specialist's group robot in DingTalk or WeCom: where its reminders, digests and
 * supervision notices go instead of Telegram. The credential (DingTalk: access token and signing
 * secret; WeCom: the webhook key) is AES-GCM ciphertext under CHANNEL_CREDENTIALS_KEY; only its
 * last 4 characters are shown again.
 */
export const noticeRobots = sqliteTable("notice_robots", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Exactly one owner: a unit or a specialist. */
  unitId: text("unit_id").unique().references(() => units.id),
  specialistId: text("specialist_id").unique().references(() => specialists.id),
  kind: text("kind", { enum: ROBOT_KINDS }).notNull(),
  credential: text("credential").notNull(),
  hint: text("hint").notNull(),
  /** Mobile numbers to @-mention in every message (JSON array); personal data. */
  mentionMobiles: text("mention_mobiles", { mode: "json" }).$type<string[]>(),
  /** The vendor's last refusal (a wrong secret, a removed robot) until a message goes through again. */
  lastError: text("last_error"),
  lastErrorAt: integer("last_error_at"),
  updatedAt: integer("updated_at").notNull(),
}, (t) => [check("notice_robots_one_owner", sql`(${t.unitId} IS NULL) <> (${t.specialistId} IS NULL)`)]);

/**
 * Telegram update ids already taken into effect; written in the same batch as the effect, with
 * the replies that batch decided on, until they are known to be sent: a redelivery after a lost
 * answer sends them (once: the delivery sending them holds them until `replies_lease_until`).
 */
export const processedUpdates = sqliteTable(
  "processed_updates",
  {
    updateId: integer("update_id").primaryKey(),
    processedAt: integer("processed_at").notNull(),
    /** [{ method, payload }] Bot API calls in order; null once sent (or when there were none). */
    replies: text("replies", { mode: "json" }).$type<KeptReply[]>(),
    repliesLeaseUntil: integer("replies_lease_until"),
    /** The chat the kept replies go to, so /deleteme finds them. */
    repliesChatId: integer("replies_chat_id"),
  },
  (t) => [
    // Retention: marks go after PROCESSED_UPDATES_RETENTION_DAYS, found by this index.
    index("processed_updates_at").on(t.processedAt),
    index("processed_updates_replies_chat").on(t.repliesChatId).where(sql`replies IS NOT NULL`),
  ],
);
/** A reply kept with its update's mark: a Bot API method and its parameters. */
export interface KeptReply {
  method: string;
  payload: Record<string, unknown>;
}

/** Days that differ from the Mon–Fri rule: public holidays (off) and make-up working days (调休, on). */
export const calendarDays = sqliteTable("calendar_days", {
  date: text("date").primaryKey(),
  kind: text("kind", { enum: ["holiday", "workday"] }).notNull(),
  name: text("name"),
  year: integer("year").notNull(),
});

/** Which years have a loaded official schedule, and where it came from. */
export const calendarYears = sqliteTable("calendar_years", {
  year: integer("year").primaryKey(),
  source: text("source").notNull(),
  loadedAt: integer("loaded_at").notNull(),
});

/** SLA targets per case kind; defaults come from DOMAIN.md and are seeded by a migration. */
export const slaPolicies = sqliteTable("sla_policies", {
  kind: text("kind", { enum: CASE_KINDS }).primaryKey(),
  firstResponseWorkingDays: integer("first_response_working_days").notNull(),
  firstResponseHours: integer("first_response_hours"),
  resolutionWorkingDays: integer("resolution_working_days").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** Who did what through the admin API or pages: every admin action leaves one row. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    data: text("data", { mode: "json" }),
  },
  (t) => [index("audit_events_at").on(t.at)],
);

/** Per Telegram user and action, how many times in the current window (domain/rate-limits.ts). */
export const rateCounters = sqliteTable(
  "rate_counters",
  {
    telegramId: integer("telegram_id").notNull(),
    action: text("action", { enum: RATE_ACTIONS }).notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.telegramId, t.action] })],
);

/** Makes a batch fail (and roll back) when an expectation is not met: see db/guard.ts. */
export const txGuard = sqliteTable(
  "tx_guard",
  { ok: integer("ok").notNull() },
  (t) => [check("tx_guard_ok", sql`${t.ok} = 1`)],
);

/** One-time sign-in links to the supervisors' web, asked for with /web in the bot; only the token's SHA-256 is kept. */
export const webSignIns = sqliteTable("web_sign_ins", {
  tokenHash: text("token_hash").primaryKey(),
  specialistId: text("specialist_id")
    .notNull()
    .references(() => specialists.id),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
  createdAt: createdAt(),
});

/**
 * Machine translations already made, by the SHA-256 of "<from>><to>\n<text>": each text is translated
 * once however many people read it or however often its message is retried. Personal data (the
 * translation of someone's words): deleted by /deleteme with `about_telegram_id` (the investor whose
 * words they are), and with the outbox's retention (workers/jobs/retention.ts).
 */
export const translations = sqliteTable(
  "translations",
  {
    hash: text("hash").primaryKey(),
    translatedText: text("translated_text").notNull(),
    aboutTelegramId: integer("about_telegram_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("translations_about").on(t.aboutTelegramId).where(sql`about_telegram_id IS NOT NULL`),
    index("translations_created").on(t.createdAt),
  ],
);

