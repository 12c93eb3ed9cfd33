import { describe, expect, it } from "vitest";
import { bj, pastCase, textsTo, tick } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { registeredInvestor } from "./support/flows.ts";
import { callsTo, injectFault } from "./support/telegram.ts";

describe("cron: reminders and the 三书一函 ladder", () => {
  it("climbs the whole ladder for a case left untouched, once per step, however often the cron runs", async () => {
    // Received Mon 2 Mar 2026: first response due Tue 3 Mar, resolution due Thu 5 Mar.
    const c = await pastCase(bj("2026-03-02", "10:00:00"), bj("2026-03-03", "23:59:59"), bj("2026-03-05", "23:59:59"));
    const times = ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-16"]
      .flatMap((date) => [bj(date, "00:05:00"), bj(date), bj(date, "09:10:00")]);
    for (const at of times) await tick(at);
    // Two ticks at once, and a repeated one: nothing more.
    await Promise.all([tick(bj("2026-03-16", "09:20:00")), tick(bj("2026-03-16", "09:20:00"))]);

    const events = await rows<{ data: string }>("SELECT data FROM case_events WHERE case_id = ? AND type = 'escalated' ORDER BY id", [c.id]);
    const steps = events.map((e) => JSON.parse(e.data) as { obligation: string; level: number });
    expect(steps.filter((s) => s.obligation === "first_response").map((s) => s.level)).toEqual([1, 2, 3, 4]);
    expect(steps.filter((s) => s.obligation === "resolution").map((s) => s.level)).toEqual([1, 2, 3, 4]);
    expect(await rows("SELECT escalation_level FROM cases WHERE id = ?", [c.id])).toEqual([{ escalation_level: 4 }]);

    const toOwner = await textsTo(c.specialist.chat.userId);
    const count = (pattern: RegExp) => toOwner.filter((text) => pattern.test(text) && text.includes(c.ref)).length;
    expect(count(/提醒敦促函/)).toBe(2); // the reminder letter of each obligation goes to the owner
    expect(count(/首次响应时限为今天/)).toBe(1);
    expect(count(/已超过首次响应时限/)).toBe(1);
    expect(count(/办结时限为明天/)).toBe(1);
    const keys = await rows<{ dedupe_key: string; n: number }>("SELECT dedupe_key, count(*) AS n FROM outbox WHERE case_id = ? GROUP BY dedupe_key HAVING n > 1", [c.id]);
    expect(keys).toEqual([]);
  });

  it("stops the ladder when what was overdue is done", async () => {
    const c = await pastCase(bj("2026-04-06", "10:00:00"), bj("2026-04-07", "23:59:59"), bj("2026-04-09", "23:59:59"));
    await tick(bj("2026-04-08"));
    await rows("UPDATE cases SET status = 'resolved', resolved_at = ?, next_alert_at = ? WHERE id = ?", [bj("2026-04-08", "10:00:00"), bj("2026-04-08", "10:00:00"), c.id]);
    for (const date of ["2026-04-09", "2026-04-10", "2026-04-13", "2026-04-14", "2026-04-15"]) await tick(bj(date));
    const levels = await rows<{ data: string }>("SELECT data FROM case_events WHERE case_id = ? AND type = 'escalated'", [c.id]);
    expect(levels.map((e) => JSON.parse(e.data).level)).toEqual([1]);
  });
});

describe("cron: the outbox", () => {
  it("delivers exactly once after a 429 with retry_after", async () => {
    const c = await pastCase(bj("2026-05-11", "10:00:00"), bj("2026-05-12", "23:59:59"), bj("2026-05-14", "23:59:59"));
    const owner = c.specialist.chat.userId;
    await injectFault({ chatId: owner, method: "sendMessage", kind: "429", retryAfter: 2 });
    await tick(bj("2026-05-12"));
    const [row] = await rows<{ status: string; attempts: number; next_attempt_at: number; last_error: string }>(
      "SELECT status, attempts, next_attempt_at, last_error FROM outbox WHERE case_id = ? AND chat_id = ?",
      [c.id, owner],
    );
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.last_error).toMatch(/^429/);
    await tick(bj("2026-05-12", "09:10:00"));
    await tick(bj("2026-05-12", "09:15:00"));
    // The reminder refused with 429 is the one delivered afterwards, once (the morning digest also names the case).
    const calls = (await callsTo(owner, "sendMessage")).filter((m) => String(m.payload.text).includes(c.ref));
    const refused = calls.find((m) => m.status === 429)!;
    expect(calls.filter((m) => m.payload.text === refused.payload.text).map((m) => m.status)).toEqual([429, 200]);
  });

  it("marks a blocked chat unreachable and tells the case's owner, instead of retrying", async () => {
    const c = await pastCase(bj("2026-06-01", "10:00:00"), bj("2026-06-02", "23:59:59"), bj("2026-06-04", "23:59:59"), "resolved");
    await rows("UPDATE cases SET resolved_at = ?, next_alert_at = ? WHERE id = ?", [bj("2026-06-01", "11:00:00"), bj("2026-06-01", "11:00:00"), c.id]);
    await injectFault({ chatId: c.investor.userId, method: "sendMessage", kind: "403", times: 5 });
    // Four working days later the survey reminder goes to the firm: the investor has blocked the bot.
    await tick(bj("2026-06-05", "09:05:00"));
    await tick(bj("2026-06-05", "09:10:00"));
    expect(await rows("SELECT status FROM outbox WHERE case_id = ? AND chat_id = ?", [c.id, c.investor.userId])).toEqual([{ status: "unreachable" }]);
    expect((await rows<{ u: number | null }>("SELECT unreachable_at AS u FROM users WHERE telegram_id = ?", [c.investor.userId]))[0]!.u).not.toBeNull();
    expect((await textsTo(c.specialist.chat.userId)).some((t) => t.includes(c.ref) && /已屏蔽机器人/.test(t))).toBe(true);
    expect((await callsTo(c.investor.userId, "sendMessage")).filter((m) => m.status === 403)).toHaveLength(1);
  });
});

describe("cron: survey, digest, expiry", () => {
  it("reminds about an unanswered survey once, then closes the case as no feedback", async () => {
    const c = await pastCase(bj("2026-07-01", "10:00:00"), bj("2026-07-02", "23:59:59"), bj("2026-07-06", "23:59:59"), "resolved");
    await rows("UPDATE cases SET resolved_at = ?, next_alert_at = ? WHERE id = ?", [bj("2026-07-02", "15:00:00"), bj("2026-07-02", "15:00:00"), c.id]);
    for (const date of ["2026-07-03", "2026-07-07", "2026-07-08", "2026-07-09", "2026-07-10", "2026-07-13", "2026-07-14"]) await tick(bj(date));
    const toFirm = await textsTo(c.investor.userId);
    expect(toFirm.filter((t) => t.includes(c.ref) && /Reminder: please rate/.test(t))).toHaveLength(1);
    expect(toFirm.filter((t) => t.includes(c.ref) && /closed as "no feedback"/.test(t))).toHaveLength(1);
    expect(await rows("SELECT status, feedback FROM cases WHERE id = ?", [c.id])).toEqual([{ status: "closed", feedback: "none" }]);
  });

  it("sends each specialist one digest on a working morning, overdue first", async () => {
    const c = await pastCase(bj("2026-08-03", "10:00:00"), bj("2026-08-04", "23:59:59"), bj("2026-08-06", "23:59:59"));
    await tick(bj("2026-08-10", "09:00:30"));
    await tick(bj("2026-08-10", "09:30:00"));
    const digests = (await textsTo(c.specialist.chat.userId)).filter((t) => t.startsWith("<b>每日待办"));
    expect(digests).toHaveLength(1);
    expect(digests[0]).toContain(`⚠️超期${c.ref}`);
  });

  it("expires a half-finished intake with a notice", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await rows("UPDATE sessions SET expires_at = ? WHERE telegram_id = ?", [bj("2026-09-01", "08:00:00"), chat.userId]);
    await tick(bj("2026-09-01", "08:05:00"));
    expect(await rows("SELECT state FROM sessions WHERE telegram_id = ?", [chat.userId])).toEqual([{ state: null }]);
    expect((await chat.said()).some((t) => /has expired/.test(t))).toBe(true);
  });
});
