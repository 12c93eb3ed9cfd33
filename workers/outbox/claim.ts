// Taking outbox rows to send: atomically, under a lease (so two ticks, or a tick and a webhook's
// drain, never send the same row), and in each recipient's order. A recipient's row waits while an
// earlier row of the same recipient is deferred (a retry's back-off, or its pace: a robot's full
// minute) or is out with another drain. A row never tried nor deferred is due when written, so only
// a clock behind the writer's sees it as not yet due: it holds nothing back. Rows are taken oldest
// first and sorted by id here, since RETURNING promises no order.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client.ts";
import { releaseRepliesOf } from "../../db/queries/kept-replies.ts";
import { outbox } from "../../db/schema.ts";

export const LEASE_MS = 60_000;
/**
 * A pace holds a row back at most a minute (a group's or a robot's): a row deferred further ahead than
 * this was deferred on a clock ahead of this one (a tick replayed at an earlier time) and holds nothing back.
 */
const PACE_DEFERRAL_MAX_MS = 120_000;

export type OutboxRow = typeof outbox.$inferSelect;

const byId = (rows: OutboxRow[]) => rows.sort((a, b) => a.id - b.id);

/**
 * `sentRepliesOf`: updates whose kept replies were sent, let go in the claim's own batch (one round trip
 * where the webhook's drain would otherwise make two).
 */
export async function claimDue(handle: DbHandle, now: number, limit: number, leaseMs = LEASE_MS, sentRepliesOf: number[] = []): Promise<OutboxRow[]> {
  const { db } = handle;
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
  const claim = db
    .update(outbox)
    .set({ leaseUntil: now + leaseMs, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, due))
    .returning();
  if (!sentRepliesOf.length) return byId(await claim);
  const [, rows] = await db.batch([releaseRepliesOf(db, sentRepliesOf), claim]);
  return byId(rows);
}

/** Rows a queue message names, taken only if still pending under the lease the tick gave them: a redelivered message finds the lease changed and takes nothing. */
export async function takeLeased(handle: DbHandle, ids: number[], leaseUntil: number, now: number): Promise<OutboxRow[]> {
  const rows = await handle.db
    .update(outbox)
    .set({ leaseUntil: now + LEASE_MS })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, "pending"), eq(outbox.leaseUntil, leaseUntil)))
    .returning();
  return byId(rows);
}
