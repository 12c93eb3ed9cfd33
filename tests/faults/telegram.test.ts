// Telegram fails on purpose: 500s and calls that never answer, for the outbox and for direct replies.
// (429 with retry_after and 403 for a blocked bot: tests/worker/cron.test.ts.)
import { describe, expect, it } from "vitest";
import { bj, pastCase, tick } from "../worker/support/cron.ts";
import { rows } from "../worker/support/db.ts";
import { callsTo, injectFault, textUpdate, uniqueId } from "../worker/support/telegram.ts";
import { post } from "./support.ts";

describe("Telegram fails while the outbox sends", () => {
  it.each([
    ["500", "2026-03-16", /^500 /],
    // The fake holds the call; the Worker gives up after TELEGRAM_TIMEOUT_SECONDS (2 s here).
    ["hang", "2026-03-23", /^network$/],
  ] as const)("%s: the reminder is retried after a back-off and delivered exactly once", async (kind, day, lastError) => {
    // Received the working day before: the first response is due on `day` itself.
    const received = bj(day, "10:00:00") - 3 * 86_400_000;
    const c = await pastCase(received, bj(day, "23:59:59"), bj(day, "23:59:59") + 2 * 86_400_000);
    const owner = c.specialist.chat.userId;
    await injectFault({ chatId: owner, method: "sendMessage", kind });
    await tick(bj(day));
    const [row] = await rows<{ status: string; attempts: number; last_error: string }>(
      "SELECT status, attempts, last_error FROM outbox WHERE case_id = ? AND chat_id = ? ORDER BY id LIMIT 1",
      [c.id, owner],
    );
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.last_error).toMatch(lastError);

    await tick(bj(day, "09:10:00"));
    await tick(bj(day, "09:15:00"));
    const toOwner = (await callsTo(owner, "sendMessage")).filter((m) => String(m.payload.text).includes(c.ref));
    expect(toOwner.filter((m) => m.status === 200)).toHaveLength(new Set(toOwner.map((m) => m.payload.text)).size);
    expect(toOwner[0]!.status).toBe(kind === "500" ? 500 : 0);
    expect(await rows("SELECT status FROM outbox WHERE case_id = ? AND chat_id = ? AND status <> 'sent'", [c.id, owner])).toEqual([]);
  });
});

describe("Telegram fails while the webhook replies", () => {
  it("a reply refused with 500 is logged; the update stays done and its redelivery replies nothing", async () => {
    const user = uniqueId();
    await injectFault({ chatId: user, method: "sendMessage", kind: "500" });
    const update = textUpdate(user, "/start");
    expect((await post(update)).status).toBe(200);
    expect(await rows("SELECT telegram_id FROM users WHERE telegram_id = ?", [user])).toHaveLength(1);
    expect((await post(update)).status).toBe(200);
    expect((await callsTo(user, "sendMessage")).map((c) => c.status)).toEqual([500]);
  });

  it("a reply that never comes back is abandoned after the timeout, and the webhook still answers", async () => {
    const user = uniqueId();
    await injectFault({ chatId: user, method: "sendMessage", kind: "hang" });
    const started = Date.now();
    expect((await post(textUpdate(user, "/start"))).status).toBe(200);
    // Well under Telegram's own webhook timeout, and under grammY's default of 500 s.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await post(textUpdate(user, "/help"))).status).toBe(200);
    expect((await callsTo(user, "sendMessage")).map((c) => c.status)).toEqual([0, 200]);
  });
});
