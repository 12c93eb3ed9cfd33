// The robots a drain's rows go to, read in one round trip (only when there are any): their sealed
// credentials and mentions, and what was sent to each within the last minute (for its pace).
import { and, gt, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client.ts";
import { noticeRobots, outbox } from "../../db/schema.ts";
import type { OutboxRow } from "./claim.ts";
import { robotContext, type RobotTarget } from "./channels/robots.ts";

export async function loadRobots(handle: DbHandle, rows: OutboxRow[], now: number, clock: number): Promise<Map<number, RobotTarget>> {
  const ids = [...new Set(rows.flatMap((r) => (r.channel === "dingtalk" || r.channel === "wecom" ? [r.chatId] : [])))];
  const robots = new Map<number, RobotTarget>();
  if (ids.length === 0) return robots;
  const { db } = handle;
  const [found, recent] = await handle.readBatch([
    db.select().from(noticeRobots).where(inArray(noticeRobots.id, ids)),
    db
      .select({ chatId: outbox.chatId, channel: outbox.channel, sentAt: outbox.sentAt })
      .from(outbox)
      .where(and(sql`${outbox.status} = 'sent'`, inArray(outbox.channel, ["dingtalk", "wecom"]), inArray(outbox.chatId, ids), gt(outbox.sentAt, now - 61_000))),
  ]);
  for (const r of found) {
    // sent_at is on the drains' timeline (`now`), pacing on the real clock.
    const sent = recent.filter((s) => s.chatId === r.id && s.channel === r.kind).map((s) => s.sentAt! - now + clock);
    robots.set(r.id, { id: r.id, kind: r.kind, credential: r.credential, context: robotContext(r), mentions: r.mentionMobiles ?? [], recent: sent });
  }
  return robots;
}
