// Taking outbox rows to send (the claim itself: db/queries/outbox.ts, claimDueQuery), in id order;
// and the rows a queue message names.
import { and, eq, inArray } from "drizzle-orm";
import type { DbHandle } from "../../db/client.ts";
import { releaseRepliesOf } from "../../db/queries/kept-replies.ts";
import { byId, claimDueQuery, type OutboxRow } from "../../db/queries/outbox.ts";
import { outbox } from "../../db/schema.ts";

export type { OutboxRow };

export const LEASE_MS = 60_000;

/**
 * `sentRepliesOf`: updates whose kept replies were sent, let go in the claim's own batch (one round trip
 * where the webhook's drain would otherwise make two).
 */
export async function claimDue(handle: DbHandle, now: number, limit: number, leaseMs = LEASE_MS, sentRepliesOf: number[] = []): Promise<OutboxRow[]> {
  const { db } = handle;
  const claim = claimDueQuery(db, now, limit, leaseMs);
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
