// The replies kept with an update's mark (see db/unit.ts): a redelivery that finds them still
// there takes them over once the delivery that kept them has had its time, and whoever sent them
// lets them go, so they are sent once and no personal text stays behind.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { openDbFor, type Db, type DbHandle } from "../client.ts";
import { logError } from "../../lib/log.ts";
import { processedUpdates, type KeptReply } from "../schema.ts";

/** Takes the replies over from a holder whose lease (`heldUntil`, as read) ran out; undefined if someone else did. */
export async function takeOverReplies(handle: DbHandle, updateId: number, heldUntil: number, leaseUntil: number): Promise<KeptReply[] | undefined> {
  const [row] = await handle.db
    .update(processedUpdates)
    .set({ repliesLeaseUntil: leaseUntil })
    .where(and(eq(processedUpdates.updateId, updateId), isNotNull(processedUpdates.replies), eq(processedUpdates.repliesLeaseUntil, heldUntil)))
    .returning({ replies: processedUpdates.replies });
  return row?.replies ?? undefined;
}

/** The replies were sent (or tried, and logged): nothing is left to send again. A statement, to run alone or in a batch. */
export const releaseRepliesOf = (db: Db, updateIds: number[]) =>
  db.update(processedUpdates).set({ replies: null, repliesLeaseUntil: null, repliesChatId: null }).where(inArray(processedUpdates.updateId, updateIds));

/**
 * After the response, on their own: a third round trip, off the response path (an update that queued messages
 * has its drain's claim do it instead: workers/outbox/drain.ts). Never throws.
 */
export async function releaseKeptReplies(settings: Parameters<typeof openDbFor>[0], updateIds: number[]): Promise<void> {
  try {
    await releaseRepliesOf(openDbFor(settings).db, updateIds);
  } catch (error) {
    // They stay kept; a redelivery (there should be none: the webhook answered 200) would send them again.
    logError("replies_release_failed", error, { update_ids: updateIds.join(" ") });
  }
}
