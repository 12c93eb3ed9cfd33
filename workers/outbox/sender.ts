// Drains the outbox: claims due rows atomically (a lease, so two ticks or a tick and a webhook
// never send the same row), sends them paced and in order per chat, then records every outcome
// in one batch. 429 waits retry_after; 5xx and network errors back off; 403 marks the chat
// unreachable instead of retrying forever.
import { GrammyError, HttpError, type Api } from "grammy";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client.ts";
import { outbox, users } from "../../db/schema.ts";
import { Pacer } from "./pacer.ts";
import { PORTAL_METHOD, PortalError, postPortalEvent, type PortalTarget } from "./portal.ts";
import { t } from "../../lib/i18n.ts";
import { enqueueForRecipients, REF_PLACEHOLDER } from "../../db/queries/outbox.ts";

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;

export type OutboxRow = typeof outbox.$inferSelect;

export interface DrainOptions {
  /** Rows claimed at most in this drain. */
  limit: number;
  /** Stop starting new sends after this many ms of wall time; the rest waits for the next drain. */
  budgetMs: number;
  pacer?: Pacer;
  /** Sleeps between paced sends; tests and benchmarks may pass their own. */
  sleep?: (ms: number) => Promise<void>;
  /** Where portal events go; without it they fail as not configured. */
  portal?: PortalTarget | undefined;
}

export interface DrainReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  unreachable: number;
  released: number;
}

export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export async function claimDue(handle: DbHandle, now: number, limit: number, leaseMs = LEASE_MS): Promise<OutboxRow[]> {
  const { db } = handle;
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(sql`${outbox.status} = 'pending' AND ${outbox.nextAttemptAt} <= ${now} AND (${outbox.leaseUntil} IS NULL OR ${outbox.leaseUntil} < ${now})`)
    .orderBy(outbox.nextAttemptAt, outbox.id)
    .limit(limit);
  return db
    .update(outbox)
    .set({ leaseUntil: now + leaseMs, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
}

type Outcome =
  | { id: number; result: "sent"; at: number }
  | { id: number; result: "retry"; at: number; error: string }
  | { id: number; result: "failed"; error: string }
  | { id: number; result: "unreachable"; chatId: number; caseId: string | null; error: string }
  | { id: number; result: "released" };

function classify(row: OutboxRow, error: unknown, now: number): Outcome {
  if (error instanceof PortalError && error.status !== 429 && error.status < 500) return { id: row.id, result: "failed", error: error.message };
  if (error instanceof GrammyError) {
    const reason = `${error.error_code} ${error.description}`.slice(0, 300);
    if (error.error_code === 429) {
      const after = (error.parameters.retry_after ?? 1) * 1000;
      return { id: row.id, result: "retry", at: now + after, error: reason };
    }
    if (error.error_code === 403) return { id: row.id, result: "unreachable", chatId: row.chatId, caseId: row.caseId, error: reason };
    if (error.error_code >= 500 && row.attempts < MAX_ATTEMPTS) {
      return { id: row.id, result: "retry", at: now + backoffMs(row.attempts), error: reason };
    }
    return { id: row.id, result: "failed", error: reason };
  }
  const reason = (error instanceof HttpError ? "network" : error instanceof PortalError ? error.message : (error as Error)?.name ?? "error").slice(0, 300);
  if (row.attempts >= MAX_ATTEMPTS) return { id: row.id, result: "failed", error: reason };
  return { id: row.id, result: "retry", at: now + backoffMs(row.attempts), error: reason };
}

/**
 * Sends claimed rows in order. `clock` is the real clock, for pacing; outcomes are stamped on the
 * drain's own timeline (`now` plus the time spent), so a tick replayed at a scheduled time
 * retries on that timeline too: one clock source for every stored instant.
 */
export async function sendClaimed(api: Api, rows: OutboxRow[], options: DrainOptions, clock: () => number, now: number): Promise<Outcome[]> {
  const pacer = options.pacer ?? new Pacer();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = clock();
  const at = () => now + (clock() - started);
  const blockedChats = new Set<number>();
  const outcomes: Outcome[] = [];
  for (const row of rows) {
    // Per-chat order: once a chat's message must wait, its later messages wait too.
    if (blockedChats.has(row.chatId) || clock() - started > options.budgetMs) {
      outcomes.push({ id: row.id, result: "released" });
      blockedChats.add(row.chatId);
      continue;
    }
    if (row.method === PORTAL_METHOD) {
      // Not Telegram: no pacing; a failed event holds back the later ones (chat 0), keeping their order.
      if (!options.portal) {
        outcomes.push({ id: row.id, result: "failed", error: "PORTAL_WEBHOOK_URL is not set" });
        continue;
      }
      try {
        await postPortalEvent(options.portal, row.dedupeKey, row.payload, at());
        outcomes.push({ id: row.id, result: "sent", at: at() });
      } catch (error) {
        outcomes.push(classify(row, error, at()));
        blockedChats.add(row.chatId);
      }
      continue;
    }
    const wait = pacer.waitFor(row.chatId, clock());
    if (wait > 0) {
      if (clock() + wait - started > options.budgetMs) {
        outcomes.push({ id: row.id, result: "released" });
        blockedChats.add(row.chatId);
        continue;
      }
      await sleep(wait);
    }
    pacer.record(row.chatId, clock());
    try {
      await api.raw[row.method as "sendMessage"]({ chat_id: row.chatId, ...(row.payload as object) } as never);
      outcomes.push({ id: row.id, result: "sent", at: at() });
    } catch (error) {
      const outcome = classify(row, error, at());
      outcomes.push(outcome);
      if (outcome.result !== "sent") blockedChats.add(row.chatId);
    }
  }
  return outcomes;
}

/** Writes every outcome in one batch. */
export async function recordOutcomes(handle: DbHandle, outcomes: Outcome[], now: number): Promise<void> {
  const { db } = handle;
  const writes = outcomes.map((o) => {
    switch (o.result) {
      case "sent":
        // Delivered: the text goes (a status update's carries a case link, whose token is kept only as its hash); the row stays for its dedupe key until retention.
        return db.update(outbox).set({ status: "sent", sentAt: o.at, leaseUntil: null, lastError: null, payload: {} }).where(eq(outbox.id, o.id));
      case "retry":
        return db.update(outbox).set({ nextAttemptAt: o.at, leaseUntil: null, lastError: o.error }).where(eq(outbox.id, o.id));
      case "failed":
        return db.update(outbox).set({ status: "failed", leaseUntil: null, lastError: o.error }).where(eq(outbox.id, o.id));
      case "unreachable":
        return db.update(outbox).set({ status: "unreachable", leaseUntil: null, lastError: o.error }).where(eq(outbox.id, o.id));
      case "released":
        // Not attempted: give the attempt back and let the next drain take it at once.
        return db
          .update(outbox)
          .set({ leaseUntil: null, attempts: sql`max(${outbox.attempts} - 1, 0)` })
          .where(and(eq(outbox.id, o.id), eq(outbox.status, "pending")));
    }
  });
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
          recipients: sql`SELECT 'owner' AS key_suffix, COALESCE(s.notice_chat_id, s.telegram_id) AS chat_id, 'zh' AS locale
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
  if (writes.length) await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
}

/** Rows a queue message names, taken only if still pending under the lease the tick gave them: a redelivered message finds the lease changed and takes nothing. */
export async function takeLeased(handle: DbHandle, ids: number[], leaseUntil: number, now: number): Promise<OutboxRow[]> {
  return handle.db
    .update(outbox)
    .set({ leaseUntil: now + LEASE_MS })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, "pending"), eq(outbox.leaseUntil, leaseUntil)))
    .returning();
}

export async function drainOutbox(handle: DbHandle, api: Api, now: number, options: DrainOptions, clock: () => number = Date.now): Promise<DrainReport> {
  return sendAndRecord(handle, api, await claimDue(handle, now, options.limit), now, options, clock);
}

export async function sendAndRecord(handle: DbHandle, api: Api, rows: OutboxRow[], now: number, options: DrainOptions, clock: () => number): Promise<DrainReport> {
  const outcomes = await sendClaimed(api, rows, options, clock, now);
  await recordOutcomes(handle, outcomes, now);
  const count = (r: Outcome["result"]) => outcomes.filter((o) => o.result === r).length;
  return {
    claimed: rows.length,
    sent: count("sent"),
    retried: count("retry"),
    failed: count("failed"),
    unreachable: count("unreachable"),
    released: count("released"),
  };
}
