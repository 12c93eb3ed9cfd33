// No permanent failure is silent: a message Telegram will never take is dead-lettered, the admins
// are told (once, and never about their own alert failing), the supervisors' web lists it with
// Telegram's error and re-drives it. A group upgraded to a supergroup is followed. A retried
// message holds back the later messages to the same chat.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { settingsOf } from "../../lib/settings.ts";
import { AFTER_UPDATE, drainNow } from "../../workers/outbox/drain.ts";
import { admin, joinedSpecialist, slugId } from "./support/admin.ts";
import { bj, tick } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { callsTo, injectFault, uniqueId } from "./support/telegram.ts";
import { get, post, signIn } from "./support/web.ts";

/** A message waiting in the outbox for `chatId`, due at `at`. */
async function queued(chatId: number, text: string, at: number, extra: { attempts?: number; caseId?: string } = {}): Promise<number> {
  const [row] = await rows<{ id: number }>(
    `INSERT INTO outbox (dedupe_key, chat_id, chat_kind, method, payload, case_id, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, 'sendMessage', ?, ?, 'pending', ?, ?, ?) RETURNING id`,
    [`test:${crypto.randomUUID()}`, chatId, chatId < 0 ? "group" : "private", JSON.stringify({ text }), extra.caseId ?? null, extra.attempts ?? 0, at, at],
  );
  return row!.id;
}

const rowOf = async (id: number) =>
  (await rows<{ status: string; chat_id: number; attempts: number; last_error: string | null; dead_at: number | null }>("SELECT status, chat_id, attempts, last_error, dead_at FROM outbox WHERE id = ?", [id]))[0]!;

const alertsTo = async (chatId: number) => (await callsTo(chatId, "sendMessage")).filter((c) => /投递失败/.test(String(c.payload.text)));

describe("dead letters", () => {
  it("a 400 that will never succeed is dead-lettered at once; the admins hear once; the admin page lists it and re-drives it", async () => {
    const boss = await joinedSpecialist({ role: "admin" });
    const at = bj("2026-01-12", "03:00:00");
    const [gone, alsoGone] = [uniqueId(), uniqueId()];
    await injectFault({ chatId: gone, method: "sendMessage", kind: "400" });
    await injectFault({ chatId: alsoGone, method: "sendMessage", kind: "400" });
    const id = await queued(gone, "秘密的个人消息 private words", at);
    const other = await queued(alsoGone, "another", at);
    await tick(at);
    expect(await rowOf(id)).toMatchObject({ status: "dead", last_error: "400 Bad Request: chat not found", dead_at: expect.any(Number) });
    expect((await rowOf(other)).status).toBe("dead");
    await tick(at + 60_000);
    // One alert for both (deduped within the hour), in Chinese, with the error and where to look.
    const alerts = await alertsTo(boss.chat.userId);
    expect(alerts).toHaveLength(1);
    expect(String(alerts[0]!.payload.text)).toMatch(/400 Bad Request: chat not found/);
    expect(String(alerts[0]!.payload.text)).toContain("/web/admin/outbox");

    // The page: administrators only, the error and the recipient, not the message's words.
    const specialist = await joinedSpecialist();
    expect((await get("/web/admin/outbox", await signIn(specialist.chat))).status).toBe(403);
    const cookie = await signIn(boss.chat);
    const page = await (await get("/web/admin/outbox", cookie)).text();
    expect(page).toContain(`<td>${id}</td>`);
    expect(page).toContain("400 Bad Request: chat not found");
    expect(page).not.toContain("private words");
    expect(await (await get("/web/admin/outbox?lang=en", cookie)).text()).toContain("Undelivered messages");

    // Re-driven (CSRF-checked, audited): sent once the chat works again.
    expect((await post(`/web/admin/outbox/${id}/redrive`, {}, undefined, cookie, null)).status).toBe(403);
    const redriven = await post(`/web/admin/outbox/${id}/redrive`, {}, undefined, cookie);
    expect([redriven.status, redriven.headers.get("location")]).toEqual([303, "/web/admin/outbox?done=redriven"]);
    expect(await rows("SELECT target FROM audit_events WHERE actor = ? AND action = 'outbox.redrive'", [`web:${boss.id}`])).toEqual([{ target: String(id) }]);
    expect((await post(`/web/admin/outbox/${id}/redrive`, {}, undefined, cookie)).status).toBe(404);
    // Due at once, on the real clock: the next drain sends it.
    await drainNow(settingsOf(env), Date.now);
    expect(await rowOf(id)).toMatchObject({ status: "sent", dead_at: null });
    expect((await callsTo(gone, "sendMessage")).map((c) => c.status)).toEqual([400, 200]);
  });

  it("after the last attempt a row is dead-lettered, and an alert that cannot be delivered raises no alert of its own", async () => {
    const boss = await joinedSpecialist({ role: "admin" });
    const at = bj("2026-01-13", "03:00:00");
    const chat = uniqueId();
    await injectFault({ chatId: chat, method: "sendMessage", kind: "500" });
    await injectFault({ chatId: boss.chat.userId, method: "sendMessage", kind: "400", times: 5 });
    const id = await queued(chat, "the eighth try", at, { attempts: 7 });
    await tick(at);
    expect(await rowOf(id)).toMatchObject({ status: "dead", attempts: 8, last_error: "500 Internal Server Error" });
    await tick(at + 60_000);
    await tick(at + 120_000);
    const alerts = await rows<{ status: string }>("SELECT status FROM outbox WHERE chat_id = ? AND dedupe_key LIKE 'outbox:dead:%'", [boss.chat.userId]);
    expect(alerts).toEqual([{ status: "dead" }]);
  });
});

describe("a group upgraded to a supergroup", () => {
  it("follows migrate_to_chat_id: the message goes to the new chat, and the unit's and the specialist's stored chat move with it", async () => {
    const at = bj("2026-01-14", "03:00:00");
    const [old, upgraded] = [-uniqueId(), -1_000_000_000_000 - uniqueId()];
    const unitId = slugId("unit");
    expect((await admin("POST", "/admin/units", { id: unitId, nameZh: "三亚市营商环境局", nameEn: "Sanya Business Environment Bureau", kind: "city", areaCode: "sanya", noticeChatId: old })).status).toBe(201);
    const specialist = await joinedSpecialist({ unitId });
    await rows("UPDATE specialists SET notice_chat_id = ? WHERE id = ?", [old, specialist.id]);
    await injectFault({ chatId: old, method: "sendMessage", kind: "migrated", migrateTo: upgraded, times: 5 });
    const first = await queued(old, "to the unit's group", at);
    const second = await queued(old, "and one more", at);
    await tick(at);
    expect((await callsTo(upgraded, "sendMessage")).map((c) => [c.status, c.payload.text])).toEqual([
      [200, "to the unit's group"],
      [200, "and one more"],
    ]);
    expect(await rowOf(first)).toMatchObject({ status: "sent", chat_id: upgraded });
    expect(await rowOf(second)).toMatchObject({ status: "sent", chat_id: upgraded });
    expect(await rows("SELECT notice_chat_id FROM units WHERE id = ?", [unitId])).toEqual([{ notice_chat_id: upgraded }]);
    expect(await rows("SELECT notice_chat_id FROM specialists WHERE id = ?", [specialist.id])).toEqual([{ notice_chat_id: upgraded }]);
  });
});

describe("per-recipient order", () => {
  it("a retried message holds back the later ones to the same chat; other chats go on", async () => {
    const at = bj("2026-01-15", "03:00:00");
    const [held, free] = [uniqueId(), uniqueId()];
    await injectFault({ chatId: held, method: "sendMessage", kind: "500" });
    for (const text of ["one", "two", "three"]) await queued(held, text, at);
    await queued(free, "elsewhere", at);
    await tick(at);
    // Before the first one's back-off (5 s) ends, nothing more goes to that chat.
    await tick(at + 1_000);
    expect((await callsTo(held, "sendMessage")).map((c) => [c.status, c.payload.text])).toEqual([[500, "one"]]);
    expect((await callsTo(free, "sendMessage")).map((c) => c.status)).toEqual([200]);
    await tick(at + 10_000);
    expect((await callsTo(held, "sendMessage")).filter((c) => c.status === 200).map((c) => c.payload.text)).toEqual(["one", "two", "three"]);
  });

  it("rows a recipient's pace holds are not due before it allows: they take no claim from others, and later rows wait behind them", async () => {
    const at = bj("2026-01-19", "03:00:00");
    const [group, other] = [-uniqueId(), uniqueId()];
    const texts = Array.from({ length: 25 }, (_, i) => `g${i}`);
    const ids: number[] = [];
    for (const text of texts) ids.push(await queued(group, text, at));
    // 20 a minute to a group: 20 go, the other 5 wait out the minute and are not due before it.
    await tick(at);
    const waiting = await rows<{ id: number; next_attempt_at: number; attempts: number }>(
      "SELECT id, next_attempt_at, attempts FROM outbox WHERE chat_id = ? AND status = 'pending' ORDER BY id",
      [group],
    );
    expect(waiting.map((r) => r.id)).toEqual(ids.slice(20));
    for (const row of waiting) expect(row.attempts === 0 && row.next_attempt_at > at + 30_000).toBe(true);
    // A drain of 5 a second later takes another chat's row, not the group's held ones.
    const elsewhere = await queued(other, "not held up", at + 1_000);
    await drainNow(settingsOf(env), () => at + 1_000, { ...AFTER_UPDATE, limit: 5 });
    expect((await rowOf(elsewhere)).status).toBe("sent");
    // The group's next row waits behind its held ones, then all go in order.
    const groupLater = await queued(group, "g25", at + 1_000);
    await tick(at + 2_000);
    expect((await rowOf(groupLater)).status).toBe("pending");
    await tick(at + 120_000);
    expect((await callsTo(group, "sendMessage")).filter((c) => c.status === 200).map((c) => c.payload.text)).toEqual([...texts, "g25"]);
  });

  it("the portal's events (its channel's one endpoint) keep each case's order, and one case's waiting event holds back no other case", async () => {
    const at = bj("2026-01-16", "03:00:00");
    const [waiting, other] = [`case-${crypto.randomUUID()}`, `case-${crypto.randomUUID()}`];
    const portalEvent = async (caseId: string, due: number, attempts = 0) => {
      const key = `portal:test:${crypto.randomUUID()}`;
      const payload = { id: key, type: "case.status_changed", occurred_at: due, case: { ref: caseId, kind: "policy", status: "received", previous_status: null } };
      const [row] = await rows<{ id: number }>(
        `INSERT INTO outbox (dedupe_key, chat_id, channel, chat_kind, method, payload, case_id, status, attempts, next_attempt_at, created_at)
         VALUES (?, 0, 'portal', 'private', 'event', ?, ?, 'pending', ?, ?, ?) RETURNING id`,
        [key, JSON.stringify(payload), caseId, attempts, due, due],
      );
      return row!.id;
    };
    // The first was tried and waits out its back-off.
    const first = await portalEvent(waiting, at + 3_600_000, 1);
    const second = await portalEvent(waiting, at);
    const elsewhere = await portalEvent(other, at);
    await tick(at);
    expect((await rowOf(elsewhere)).status).toBe("sent");
    expect([(await rowOf(first)).status, (await rowOf(second)).status]).toEqual(["pending", "pending"]);
    await tick(at + 3_600_000);
    expect([(await rowOf(first)).status, (await rowOf(second)).status]).toEqual(["sent", "sent"]);
  });
});
