// What became of each message a drain tried, and writing it down in one batch. Telegram: 429 waits
// retry_after; 5xx and network errors back off until the last attempt; 403 marks the person
// unreachable and tells the case's owner; anything else Telegram (or the portal) refuses will never
// succeed. The robots' vendors' answers come as a Refusal (channels/): a throttle waits the vendor's
// time, a busy vendor backs off, the rest (a wrong secret, a removed robot) gives up and is kept on
// the robot for its admin page. Such a row is dead-lettered, never dropped: the admins hear of it through the outbox
// (once an hour at most, and never of their own alert failing), and the supervisors' web lists it.
import { GrammyError, HttpError } from "grammy";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client.ts";
import { admins } from "../../db/queries/audiences.ts";
import { enqueueForRecipients, REF_PLACEHOLDER } from "../../db/queries/outbox.ts";
import { noticeRobots, outbox, specialists, units, users } from "../../db/schema.ts";
import { t } from "../../lib/i18n.ts";
import type { OutboxRow } from "./claim.ts";
import { PortalError } from "./portal.ts";
import { Refusal } from "./channels/channel.ts";

export const MAX_ATTEMPTS = 8;
/** Dedupe keys of the admins' dead-letter alerts: one per admin per hour. */
export const DEAD_LETTER_ALERT = "outbox:dead:";
const HOUR_MS = 3_600_000;

export type Outcome =
  | { id: number; result: "sent"; at: number; robot?: number }
  /** `deliveredParts`: of a message in parts, how many went (kept on the row; the retry sends the rest). */
  | { id: number; result: "retry"; at: number; error: string; deliveredParts?: number }
  | { id: number; result: "dead"; error: string; alert: boolean; robot?: number }
  | { id: number; result: "unreachable"; chatId: number; caseId: string | null; error: string }
  /** Not attempted; `notBefore`: its recipient's pace allows it no earlier (absent: due again at once). */
  | { id: number; result: "released"; notBefore?: number };

/** A drain's outcomes, and the group chats it found upgraded to supergroups (old id → new id). */
export interface Tried {
  outcomes: Outcome[];
  moved: Map<number, number>;
}

export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export function dead(row: OutboxRow, error: string): Outcome {
  const robot = row.channel === "dingtalk" || row.channel === "wecom" ? { robot: row.chatId } : {};
  return { id: row.id, result: "dead", error, alert: !row.dedupeKey.startsWith(DEAD_LETTER_ALERT), ...robot };
}

export function classify(row: OutboxRow, error: unknown, now: number): Outcome {
  const retryOrDead = (reason: string): Outcome =>
    row.attempts >= MAX_ATTEMPTS ? dead(row, reason) : { id: row.id, result: "retry", at: now + backoffMs(row.attempts), error: reason };
  if (error instanceof GrammyError) {
    const reason = `${error.error_code} ${error.description}`.slice(0, 300);
    if (error.error_code === 429) return { id: row.id, result: "retry", at: now + (error.parameters.retry_after ?? 1) * 1000, error: reason };
    if (error.error_code === 403) return { id: row.id, result: "unreachable", chatId: row.chatId, caseId: row.caseId, error: reason };
    return error.error_code >= 500 ? retryOrDead(reason) : dead(row, reason);
  }
  if (error instanceof Refusal) {
    if (error.verdict === "give_up") return dead(row, error.message.slice(0, 300));
    const outcome = error.afterMs === undefined ? retryOrDead(error.message.slice(0, 300)) : { id: row.id, result: "retry" as const, at: now + error.afterMs, error: error.message.slice(0, 300) };
    return outcome.result === "retry" && error.deliveredParts ? { ...outcome, deliveredParts: error.deliveredParts } : outcome;
  }
  if (error instanceof PortalError) return error.status === 429 || error.status >= 500 ? retryOrDead(error.message) : dead(row, error.message);
  return retryOrDead((error instanceof HttpError ? "network" : ((error as Error)?.name ?? "error")).slice(0, 300));
}

/** Writes every outcome in one batch, with what follows from them. */
export async function recordOutcomes(handle: DbHandle, { outcomes, moved }: Tried, now: number, also: readonly object[] = []): Promise<void> {
  const { db } = handle;
  const writes = outcomes.map((o) => {
    switch (o.result) {
      case "sent":
        // Delivered: the text goes (a status update's carries a case link, whose token is kept only as its hash); the row stays for its dedupe key until retention.
        return db.update(outbox).set({ status: "sent", sentAt: o.at, leaseUntil: null, lastError: null, deadAt: null, payload: {} }).where(eq(outbox.id, o.id));
      case "retry":
        return db
          .update(outbox)
          .set({ nextAttemptAt: o.at, leaseUntil: null, lastError: o.error, ...(o.deliveredParts ? { payload: sql`json_set(${outbox.payload}, '$.delivered_parts', ${o.deliveredParts})` } : {}) })
          .where(eq(outbox.id, o.id));
      case "dead":
        return db.update(outbox).set({ status: "dead", deadAt: now, leaseUntil: null, lastError: o.error }).where(eq(outbox.id, o.id));
      case "unreachable":
        return db.update(outbox).set({ status: "unreachable", leaseUntil: null, lastError: o.error }).where(eq(outbox.id, o.id));
      case "released":
        // Not attempted: give the attempt back. A row its recipient's pace holds (a robot's full minute)
        // is not due before then, so the next drains' claims go to rows that can be sent.
        return db
          .update(outbox)
          .set({
            leaseUntil: null,
            attempts: sql`max(${outbox.attempts} - 1, 0)`,
            ...(o.notBefore === undefined ? {} : { nextAttemptAt: sql`max(${outbox.nextAttemptAt}, ${o.notBefore})` }),
          })
          .where(and(eq(outbox.id, o.id), eq(outbox.status, "pending")));
    }
  });
  // A robot's vendor refusing (a wrong secret) shows on the admin page until a message goes through.
  for (const o of outcomes) {
    if (o.result === "sent" && o.robot !== undefined) writes.push(db.update(noticeRobots).set({ lastError: null, lastErrorAt: null }).where(and(eq(noticeRobots.id, o.robot), sql`${noticeRobots.lastError} IS NOT NULL`)) as never);
    if (o.result === "dead" && o.robot !== undefined) writes.push(db.update(noticeRobots).set({ lastError: o.error, lastErrorAt: now }).where(eq(noticeRobots.id, o.robot)) as never);
  }
  const tried = outcomes.map((o) => o.id);
  for (const [from, to] of moved) {
    // The group lives on as a supergroup: whoever pointed at it points at the new chat.
    writes.push(
      db.update(units).set({ noticeChatId: to }).where(eq(units.noticeChatId, from)) as never,
      db.update(specialists).set({ noticeChatId: to }).where(eq(specialists.noticeChatId, from)) as never,
      db.update(users).set({ chatId: to }).where(eq(users.chatId, from)) as never,
      db.update(outbox).set({ chatId: to, chatKind: "group" }).where(and(eq(outbox.channel, "telegram"), eq(outbox.chatId, from), or(eq(outbox.status, "pending"), inArray(outbox.id, tried)))) as never,
    );
  }
  const alerting = outcomes.flatMap((o) => (o.result === "dead" && o.alert ? [o] : []));
  if (alerting.length) {
    const text = t("zh", "outbox-dead-alert", { count: alerting.length, error: alerting.at(-1)!.error });
    writes.push(
      enqueueForRecipients(db, {
        keyPrefix: `${DEAD_LETTER_ALERT}${Math.floor(now / HOUR_MS)}:`,
        recipients: admins(),
        payloads: { zh: { text, parse_mode: "HTML" }, en: { text, parse_mode: "HTML" } },
        now,
      }) as never,
    );
  }
  const unreachable = outcomes.flatMap((o) => (o.result === "unreachable" ? [o] : []));
  if (unreachable.length) {
    writes.push(db.update(users).set({ unreachableAt: now }).where(inArray(users.chatId, unreachable.map((o) => o.chatId))) as never);
    // Instead of retrying forever, the case's owner is told to reach the firm another way.
    for (const o of unreachable) {
      if (!o.caseId) continue;
      const notice = { text: t("zh", "unreachable-notice", { ref: REF_PLACEHOLDER }), parse_mode: "HTML" as const };
      writes.push(
        enqueueForRecipients(db, {
          keyPrefix: `case:${o.caseId}:unreachable:${o.chatId}:`,
          recipients: sql`SELECT 'owner' AS key_suffix, 'telegram' AS channel, COALESCE(s.notice_chat_id, s.telegram_id) AS chat_id, 'zh' AS locale
                            FROM cases c JOIN specialists s ON s.id = c.owner_id WHERE c.id = ${o.caseId} AND s.active = 1
                             AND COALESCE(s.notice_chat_id, s.telegram_id) <> ${o.chatId}`,
          payloads: { zh: notice, en: notice },
          caseId: o.caseId,
          now,
          refOfCase: o.caseId,
          // Its key names the unreachable chat: a person's Telegram id when private.
          ...(o.chatId > 0 ? { about: o.chatId } : {}),
        }) as never,
      );
    }
  }
  writes.push(...(also as never[]));
  if (writes.length) await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
}
