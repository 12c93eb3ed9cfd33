// Writing to the outbox. Rows are inserted in the same batch as the change that causes them,
// keyed by a dedupe key (INSERT OR IGNORE), so a retried batch or a second tick adds nothing.
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { outbox } from "../schema.ts";

/** Stands for a new case's ref in texts built before the batch that numbers the case. */
export const REF_PLACEHOLDER = "\u27E6ref\u27E7";

export interface MessagePayload {
  text: string;
  parse_mode?: "HTML";
  reply_markup?: unknown;
  link_preview_options?: { is_disabled: boolean };
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
    .values({
      dedupeKey: message.dedupeKey,
      chatId: message.chatId,
      chatKind: message.chatKind ?? (message.chatId < 0 ? "group" : "private"),
      method: "sendMessage",
      payload: message.payload,
      caseId: message.caseId ?? null,
      status: "pending",
      nextAttemptAt: message.now,
      createdAt: message.now,
    })
    .onConflictDoNothing({ target: outbox.dedupeKey }));
}

/**
 * Enqueues one message per row of `recipients`, a SELECT yielding (key_suffix, chat_id, locale):
 * each recipient gets the payload in their language, whoever they turn out to be when the batch runs.
 */
export function enqueueForRecipients(
  db: Db,
  options: {
    keyPrefix: string;
    recipients: SQL;
    payloads: { zh: MessagePayload; en: MessagePayload };
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
  const chosen = sql`CASE r.locale WHEN 'en' THEN ${JSON.stringify(payloads.en)} ELSE ${JSON.stringify(payloads.zh)} END`;
  const withRef = refOfCase ? sql`replace(${chosen}, ${REF_PLACEHOLDER}, (SELECT ref FROM cases WHERE id = ${refOfCase}))` : chosen;
  const payload = fill ? sql`replace(${withRef}, ${fill.placeholder}, ${fill.value})` : withRef;
  return addsToOutbox(db.run(sql`
    INSERT INTO outbox (dedupe_key, chat_id, chat_kind, method, payload, case_id, about_telegram_id, status, attempts, next_attempt_at, created_at)
    SELECT ${keyPrefix} || r.key_suffix, r.chat_id, CASE WHEN r.chat_id < 0 THEN 'group' ELSE 'private' END, 'sendMessage',
           ${payload}, ${caseId ?? null}, ${about ?? null}, 'pending', 0, ${now}, ${now}
    FROM (${recipients}) AS r
    WHERE r.chat_id IS NOT NULL AND ${when ?? sql`1 = 1`}
    ON CONFLICT (dedupe_key) DO NOTHING`));
}
