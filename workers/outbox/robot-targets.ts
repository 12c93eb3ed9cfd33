// The robots a drain's rows go to, read in one round trip (only when there are any): their sealed
// credentials and mentions, what was sent to each within the last minute (for its pace), and the refs
// of the rows' cases (each robot notice links to its case's web page): no round trip of its own.
import { and, gt, inArray, sql } from "drizzle-orm";
import type { DbHandle } from "../../db/client.ts";
import { cases, noticeRobots, outbox } from "../../db/schema.ts";
import type { OutboxRow } from "./claim.ts";
import { robotContext } from "../../lib/robots/robot.ts";
import type { RobotTarget } from "./channels/robots.ts";

/** The robots by id, and the refs of their rows' cases by case id. */
export async function loadRobots(handle: DbHandle, rows: OutboxRow[], now: number, clock: number): Promise<[Map<number, RobotTarget>, Map<string, string>]> {
  const robotRows = rows.filter((r) => r.channel === "dingtalk" || r.channel === "wecom");
  const ids = [...new Set(robotRows.map((r) => r.chatId))];
  const robots = new Map<number, RobotTarget>();
  const refs = new Map<string, string>();
  if (ids.length === 0) return [robots, refs];
  const { db } = handle;
  const [found, recent, refRows] = await handle.readBatch([
    db.select().from(noticeRobots).where(inArray(noticeRobots.id, ids)),
    db
      .select({ chatId: outbox.chatId, channel: outbox.channel, sentAt: outbox.sentAt })
      .from(outbox)
      .where(and(sql`${outbox.status} = 'sent'`, inArray(outbox.channel, ["dingtalk", "wecom"]), inArray(outbox.chatId, ids), gt(outbox.sentAt, now - 61_000))),
    db.select({ id: cases.id, ref: cases.ref }).from(cases).where(inArray(cases.id, robotRows.flatMap((r) => r.caseId ?? []))),
  ]);
  for (const c of refRows) refs.set(c.id, c.ref);
  for (const r of found) {
    // sent_at is on the drains' timeline (`now`), pacing on the real clock.
    const sent = recent.filter((s) => s.chatId === r.id && s.channel === r.kind).map((s) => s.sentAt! - now + clock);
    robots.set(r.id, { id: r.id, kind: r.kind, credential: r.credential, context: robotContext(r), mentions: r.mentionMobiles ?? [], recent: sent });
  }
  return [robots, refs];
}
