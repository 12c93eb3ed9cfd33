// Writing to the outbox. Rows are inserted in the same batch as the change that causes them,
// keyed by a dedupe key (INSERT OR IGNORE), so a retried batch or a second tick adds nothing.
import { desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { splitPayload, TEXT_LIMIT } from "../../lib/telegram-text.ts";
import { TRANSLATION_ROOM, TRANSLATION_SLOT, type TranslationRequest } from "../../lib/translation.ts";
import { cases, outbox } from "../schema.ts";

/** Stands for a new case's ref in texts built before the batch that numbers the case. */
export const REF_PLACEHOLDER = "\u27E6ref\u27E7";
/** Room a ref takes once it replaces the placeholder (HN-2026-000123, and a year of over a million cases). */
const REF_MAX_LENGTH = 16;
/** Room for any other value a batch fills in (`fill`). */
const FILLED_MAX_LENGTH = 40;

/** The characters a message may show once every placeholder in it has become a ref. */
export function limitWithRefs(text: string): number {
  return TEXT_LIMIT - (text.split(REF_PLACEHOLDER).length - 1) * (REF_MAX_LENGTH - REF_PLACEHOLDER.length);
}

/** As limitWithRefs, keeping room for a machine translation where the text has a slot: for fitting (cutting) free text and joining blocks, never for splitting. */
export function limitWithTranslation(text: string): number {
  return limitWithRefs(text) - (text.includes(TRANSLATION_SLOT) ? TRANSLATION_ROOM : 0);
}

/** The messages a payload is sent as: one, or its parts in order when it is over Telegram's limit. */
export function partsOf(payload: MessagePayload): MessagePayload[] {
  return splitPayload(payload, limitWithRefs);
}

/** The dedupe key of a payload's n-th part (0: the key itself). */
const partKey = (key: string, n: number) => (n === 0 ? key : `${key}#${n + 1}`);

export interface MessagePayload {
  text: string;
  parse_mode?: "HTML";
  reply_markup?: unknown;
  link_preview_options?: { is_disabled: boolean };
  /** The free text whose machine translation fills TRANSLATION_SLOT when the row is sent (never sent to Telegram). */
  machine_translation?: TranslationRequest;
  /** Of a message a robot takes in parts (WeCom), how many went before a refusal: a retry sends the rest (never sent). */
  delivered_parts?: number;
}

/** `payload` with the request for its slot, if its text has one (a message in parts has it in one part). */
export function withTranslation(payload: MessagePayload, request: TranslationRequest | null): MessagePayload {
  return request && payload.text.includes(TRANSLATION_SLOT) ? { ...payload, machine_translation: request } : payload;
}

/** A message in each reader's language; a list: its parts, in order (e.g. one per language when both do not fit). */
export interface LocalePayloads {
  zh: MessagePayload | MessagePayload[];
  en: MessagePayload | MessagePayload[];
}

export interface Enqueue {
  dedupeKey: string;
  chatId: number;
  payload: MessagePayload;
  caseId?: string | null;
  now: number;
  chatKind?: "private" | "group";
}

const outboxWrites = new WeakSet<object>();

/** Whether a staged write adds outbox rows: the webhook then drains the outbox right after answering. */
export function isOutboxWrite(item: object): boolean {
  return outboxWrites.has(item);
}

/** Marks a write that adds outbox rows, itself or through a trigger (a case's insert or status change: migration 0006). */
export function addsToOutbox<T extends object>(item: T): T {
  outboxWrites.add(item);
  return item;
}

export function enqueueMessage(db: Db, message: Enqueue) {
  return addsToOutbox(db
    .insert(outbox)
    .values(
      partsOf(message.payload).map((payload, n) => ({
        dedupeKey: partKey(message.dedupeKey, n),
        chatId: message.chatId,
        chatKind: message.chatKind ?? (message.chatId < 0 ? "group" : "private"),
        method: "sendMessage",
        payload,
        caseId: message.caseId ?? null,
        status: "pending" as const,
        nextAttemptAt: message.now,
        createdAt: message.now,
      })),
    )
    .onConflictDoNothing({ target: outbox.dedupeKey }));
}

/**
 * Enqueues one message per row of `recipients`, a SELECT yielding (key_suffix, channel, chat_id, locale)
 * (audiences.ts; `channel` says how the recipient hears: 'telegram', or a group robot's kind with its id):
 * each recipient gets the payload in their language, whoever they turn out to be when the batch runs.
 * A payload over Telegram's limit goes as its parts, in order (a list of payloads: those, each split if need be).
 */
export function enqueueForRecipients(
  db: Db,
  options: {
    keyPrefix: string;
    recipients: SQL;
    payloads: LocalePayloads;
    caseId?: string | null;
    now: number;
    /** Replace REF_PLACEHOLDER in the payload with this case's ref, known only once the batch has inserted it. */
    refOfCase?: string;
    /** A condition of the batch's state (the case still at the version a decision was made on). */
    when?: SQL;
    /** Replace a placeholder with a value the batch itself makes (a notice's number). */
    fill?: { placeholder: string; value: SQL };
    /** The person whose words, name or id the message carries (not its recipient): /deleteme removes the rows. */
    about?: number;
  },
) {
  const { keyPrefix, recipients, payloads, caseId, now, refOfCase, when, fill, about } = options;
  // Room for what the batch fills in: a ref, a notice's number (short, like 琼营商督〔2026〕12号).
  const limit = (text: string) => limitWithRefs(text) - (fill ? (text.split(fill.placeholder).length - 1) * FILLED_MAX_LENGTH : 0);
  const zh = [payloads.zh].flat().flatMap((p) => splitPayload(p, limit));
  const en = [payloads.en].flat().flatMap((p) => splitPayload(p, limit));
  // One row per part (n); a language with fewer parts has NULL for the others, which are skipped.
  const parts = sql.join(
    Array.from({ length: Math.max(zh.length, en.length) }, (_, n) => {
      const json = (p: MessagePayload | undefined) => (p ? JSON.stringify(p) : null);
      return sql`SELECT ${n} AS n, ${partKey("", n)} AS suffix, ${json(zh[n])} AS zh, ${json(en[n])} AS en`;
    }),
    sql` UNION ALL `,
  );
  const chosen = sql`CASE r.locale WHEN 'en' THEN p.en ELSE p.zh END`;
  const withRef = refOfCase ? sql`replace(${chosen}, ${REF_PLACEHOLDER}, (SELECT ref FROM cases WHERE id = ${refOfCase}))` : chosen;
  const payload = fill ? sql`replace(${withRef}, ${fill.placeholder}, ${fill.value})` : withRef;
  // Ordered by part, so each recipient's parts get rising ids: the outbox sends a chat's rows in id order.
  return addsToOutbox(db.run(sql`
    INSERT INTO outbox (dedupe_key, chat_id, channel, chat_kind, method, payload, case_id, about_telegram_id, status, attempts, next_attempt_at, created_at)
    SELECT ${keyPrefix} || r.key_suffix || p.suffix, r.chat_id, r.channel,
           CASE WHEN r.chat_id < 0 OR r.channel <> 'telegram' THEN 'group' ELSE 'private' END, 'sendMessage',
           ${payload}, ${caseId ?? null}, ${about ?? null}, 'pending', 0, ${now}, ${now}
    FROM (${recipients}) AS r JOIN (${parts}) AS p
    WHERE r.chat_id IS NOT NULL AND ${chosen} IS NOT NULL AND ${when ?? sql`1 = 1`}
    ORDER BY p.n
    ON CONFLICT (dedupe_key) DO NOTHING`));
}

/**
 * Dead letters for the admins, newest first: who they were for (a specialist, a unit's group, a
 * firm's contact, the portal), the case, the error; never the message's words.
 */
export function deadLetters(db: Db, limit = 200) {
  const chat = sql`${outbox.chatId}`;
  return db
    .select({
      id: outbox.id,
      method: outbox.method,
      channel: outbox.channel,
      dedupeKey: outbox.dedupeKey,
      chatKind: outbox.chatKind,
      chatId: outbox.chatId,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      deadAt: outbox.deadAt,
      ref: cases.ref,
      specialist: sql<string | null>`(SELECT s.name FROM specialists s WHERE COALESCE(s.notice_chat_id, s.telegram_id) = ${chat} LIMIT 1)`,
      unitZh: sql<string | null>`(SELECT u.name_zh FROM units u WHERE u.notice_chat_id = ${chat} LIMIT 1)`,
      unitEn: sql<string | null>`(SELECT u.name_en FROM units u WHERE u.notice_chat_id = ${chat} LIMIT 1)`,
      firmContact: sql<number>`EXISTS (SELECT 1 FROM users u WHERE u.chat_id = ${chat})`,
    })
    .from(outbox)
    .leftJoin(cases, eq(cases.id, outbox.caseId))
    .where(eq(outbox.status, "dead"))
    .orderBy(desc(outbox.deadAt), desc(outbox.id))
    .limit(limit);
}

export function deadLetterCount(db: Db) {
  return db.select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, "dead"));
}

export type OutboxRow = typeof outbox.$inferSelect;

/** Claimed rows in id order (RETURNING promises none). */
export const byId = (rows: OutboxRow[]) => rows.sort((a, b) => a.id - b.id);

/**
 * A pace holds a row back at most a minute (a group's or a robot's): a row deferred further ahead than
 * this was deferred on a clock ahead of this one (a tick replayed at an earlier time) and holds nothing back.
 */
const PACE_DEFERRAL_MAX_MS = 120_000;

/**
 * Takes due rows to send: atomically, under a lease (so two ticks, or a tick and a webhook's drain,
 * never send the same row), and in each recipient's order. A recipient's row waits while an earlier row
 * of the same recipient is deferred (a retry's back-off, or its pace: a robot's full minute) or is out
 * with another drain. A row never tried nor deferred is due when written, so only a clock behind the
 * writer's sees it as not yet due: it holds nothing back. Oldest first. A statement, to run alone or at
 * the end of the batch that queued the rows (db/unit.ts).
 */
export function claimDueQuery(db: Db, now: number, limit: number, leaseMs: number) {
  // Order is kept per recipient (its channel and chat); the portal's events (its one endpoint, chat 0) are kept in order per case, so
  // one case's retried event does not hold back every other case's.
  const earlierWaits = sql`EXISTS (SELECT 1 FROM outbox earlier
    WHERE earlier.channel = ${outbox.channel} AND earlier.chat_id = ${outbox.chatId} AND earlier.status = 'pending' AND earlier.id < ${outbox.id}
      AND (${outbox.channel} <> 'portal' OR earlier.case_id IS ${outbox.caseId})
      AND ((earlier.next_attempt_at > ${now} AND (earlier.attempts > 0 OR (earlier.next_attempt_at > earlier.created_at AND earlier.next_attempt_at <= ${now + PACE_DEFERRAL_MAX_MS})))
        OR earlier.lease_until >= ${now}))`;
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(sql`${outbox.status} = 'pending' AND ${outbox.nextAttemptAt} <= ${now} AND (${outbox.leaseUntil} IS NULL OR ${outbox.leaseUntil} < ${now}) AND NOT ${earlierWaits}`)
    .orderBy(outbox.id)
    .limit(limit);
  return db
    .update(outbox)
    .set({ leaseUntil: now + leaseMs, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
}
