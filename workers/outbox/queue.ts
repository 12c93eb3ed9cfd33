// Scale-out through Cloudflare Queues: when the OUTBOX_QUEUE binding is configured, the tick only
// claims due rows and hands their ids to the queue, in per-chat order; the Worker's queue handler
// sends them. Queues deliver at least once, so a message takes its rows by the lease the tick set.
import type { Api } from "grammy";
import type { DbHandle } from "../../db/client.ts";
import { claimDue, takeLeased, type OutboxRow } from "./claim.ts";
import { sendAndRecord, type DrainOptions, type DrainReport } from "./sender.ts";
import { recipientOf } from "./channels/channel.ts";

export interface OutboxBatch {
  ids: number[];
  leaseUntil: number;
}

/** The part of a Cloudflare Queue producer binding the tick uses. */
export interface OutboxQueue {
  sendBatch(messages: { body: OutboxBatch }[]): Promise<unknown>;
}

/** Cloudflare Queues take at most 100 messages (and 256 KB) per sendBatch (developers.cloudflare.com/queues/configuration/javascript-apis). */
export const SEND_BATCH_MAX = 100;

/** Long enough for the queue to deliver; expired leases make the tick claim the rows again. */
const QUEUE_LEASE_MS = 5 * 60_000;
/** Rows per queue message: a consumer sends them within Telegram's per-chat pace. */
const ROWS_PER_MESSAGE = 25;

/** Messages of at most ROWS_PER_MESSAGE ids; one chat's rows stay in one message, in order. */
export function batchesOf(rows: OutboxRow[], leaseUntil: number): OutboxBatch[] {
  const byChat = new Map<string, number[]>();
  for (const row of rows) byChat.set(recipientOf(row), [...(byChat.get(recipientOf(row)) ?? []), row.id]);
  const batches: OutboxBatch[] = [];
  let current: number[] = [];
  for (const ids of byChat.values()) {
    if (current.length && current.length + ids.length > ROWS_PER_MESSAGE) {
      batches.push({ ids: current, leaseUntil });
      current = [];
    }
    current.push(...ids);
  }
  if (current.length) batches.push({ ids: current, leaseUntil });
  return batches;
}

export async function enqueueDue(handle: DbHandle, queue: OutboxQueue, now: number, limit: number): Promise<{ claimed: number; messages: number }> {
  const rows = await claimDue(handle, now, limit, QUEUE_LEASE_MS);
  if (rows.length === 0) return { claimed: 0, messages: 0 };
  const batches = batchesOf(rows, now + QUEUE_LEASE_MS);
  await handOver(queue, batches);
  return { claimed: rows.length, messages: batches.length };
}

/**
 * Sends the messages in calls of at most SEND_BATCH_MAX, in order: a claim of 2,000 rows can make
 * more than 100 (one chat's rows stay in one message). If a call fails, the rows of the messages
 * not sent keep their lease and the tick after it claims them again.
 */
export async function handOver(queue: OutboxQueue, batches: OutboxBatch[]): Promise<void> {
  for (let i = 0; i < batches.length; i += SEND_BATCH_MAX) {
    await queue.sendBatch(batches.slice(i, i + SEND_BATCH_MAX).map((body) => ({ body })));
  }
}

export async function consumeBatch(
  handle: DbHandle,
  api: Api,
  batch: OutboxBatch,
  now: number,
  targets: Partial<Pick<DrainOptions, "portal" | "robots" | "translator">> = {},
): Promise<DrainReport> {
  const rows = await takeLeased(handle, batch.ids, batch.leaseUntil, now);
  return sendAndRecord(handle, api, rows, now, { limit: rows.length, budgetMs: 25_000, ...targets }, Date.now);
}
