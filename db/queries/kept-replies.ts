// The replies kept with an update's mark (see db/unit.ts): a redelivery that finds them still
// there takes them over once the delivery that kept them has had its time, and whoever sent them
// lets them go, so they are sent once and no personal text stays behind.
import { and, eq, isNotNull } from "drizzle-orm";
import type { DbHandle } from "../client.ts";
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

/** The replies were sent (or tried, and logged): nothing is left to send again. */
export async function releaseReplies(handle: DbHandle, updateId: number): Promise<void> {
  await handle.db.update(processedUpdates).set({ replies: null, repliesLeaseUntil: null, repliesChatId: null }).where(eq(processedUpdates.updateId, updateId));
}
