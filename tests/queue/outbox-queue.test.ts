import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import jobs from "../../workers/jobs/index.ts";
import { rows } from "../worker/support/db.ts";
import { callsTo, uniqueId } from "../worker/support/telegram.ts";

async function pending(chatId: number, text: string, at: number, lease: number | null = null): Promise<number> {
  const [row] = await rows<{ id: number }>(
    `INSERT INTO outbox (dedupe_key, chat_id, chat_kind, method, payload, status, attempts, next_attempt_at, lease_until, created_at)
     VALUES (?, ?, 'private', 'sendMessage', ?, 'pending', 0, ?, ?, ?) RETURNING id`,
    [`test:${crypto.randomUUID()}`, chatId, JSON.stringify({ text }), at, lease, at],
  );
  return row!.id;
}

describe("the outbox through a Cloudflare Queue (miniflare)", () => {
  it("the tick hands due rows to the queue; the queue handler sends each once, in order per chat", async () => {
    const at = Date.UTC(2026, 9, 1, 1, 0, 0);
    const [a, b] = [uniqueId(), uniqueId()];
    await pending(a, "first to a", at);
    await pending(a, "second to a", at);
    await pending(b, "only to b", at);
    await jobs.scheduled(createScheduledController({ scheduledTime: at, cron: "*/5 * * * *" }), env);
    await expect.poll(async () => (await callsTo(a, "sendMessage")).length + (await callsTo(b, "sendMessage")).length, { timeout: 15_000 }).toBe(3);
    expect((await callsTo(a, "sendMessage")).map((c) => c.payload.text)).toEqual(["first to a", "second to a"]);
    expect(await rows("SELECT DISTINCT status FROM outbox WHERE chat_id IN (?, ?)", [a, b])).toEqual([{ status: "sent" }]);
  });

  it("a message delivered twice (at least once) sends nothing twice", async () => {
    const chat = uniqueId();
    const lease = Date.now() + 60_000;
    const id = await pending(chat, "exactly once", 0, lease);
    const message = { id: "m1", timestamp: new Date(), attempts: 1, body: { ids: [id], leaseUntil: lease } };
    const first = createMessageBatch("desk-outbox", [message]);
    const again = createMessageBatch("desk-outbox", [message]);
    await Promise.all([jobs.queue(first, env), jobs.queue(again, env)]);
    expect((await getQueueResult(first, createExecutionContext())).explicitAcks).toEqual(["m1"]);
    expect(await callsTo(chat, "sendMessage")).toHaveLength(1);
    expect(await rows("SELECT status FROM outbox WHERE id = ?", [id])).toEqual([{ status: "sent" }]);
  });
});
