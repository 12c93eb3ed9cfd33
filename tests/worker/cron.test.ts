import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client.ts";
import { settingsOf } from "../../lib/settings.ts";
import { alertsJob } from "../../workers/jobs/alerts.ts";
import { joinedSpecialist } from "./support/admin.ts";
import { bj, pastCase, textsTo, tick } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { registeredInvestor } from "./support/flows.ts";
import { callsTo, injectFault } from "./support/telegram.ts";

describe("cron: reminders to the owner", () => {
  it("reminds of each obligation before its due, on the due day and once missed, each once however often the cron runs", async () => {
    // An urgent appeal received Mon 2 Mar 2026: first response and assessment due Tue 3 Mar, the hearing Thu 5 Mar.
    const c = await pastCase(bj("2026-03-02", "10:00:00"), bj("2026-03-03", "23:59:59"), bj("2026-03-05", "23:59:59"));
    const times = ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10"].flatMap((date) => [bj(date, "00:05:00"), bj(date), bj(date, "09:10:00")]);
    for (const at of times) await tick(at);
    // Two ticks at once, and a repeated one: nothing more.
    await Promise.all([tick(bj("2026-03-10", "09:20:00")), tick(bj("2026-03-10", "09:20:00"))]);

    const toOwner = (await textsTo(c.specialist.chat.userId)).filter((text) => text.includes(c.ref));
    const count = (pattern: RegExp) => toOwner.filter((text) => pattern.test(text)).length;
    expect(count(/首次响应时限为今天.*请于今日内办结/)).toBe(1);
    expect(count(/研判时限为今天.*请于今日内办结/)).toBe(1);
    expect(count(/听取意见或组织会商时限为明天/)).toBe(1);
    expect(count(/听取意见或组织会商时限为今天.*请于今日内办结/)).toBe(1);
    expect(count(/已超过时限/)).toBe(3);
    // Supervision goes to the department as a draft, never to the owner directly; one ladder, waiting for sign-off.
    expect(count(/提醒敦促函|督办文书/)).toBe(0);
    expect(await rows("SELECT level, status FROM supervision_notices WHERE case_id = ?", [c.id])).toEqual([{ level: 1, status: "draft" }]);
    const keys = await rows<{ dedupe_key: string; n: number }>("SELECT dedupe_key, count(*) AS n FROM outbox WHERE case_id = ? GROUP BY dedupe_key HAVING n > 1", [c.id]);
    expect(keys).toEqual([]);
  });

  it("leaves a case changed while the tick planned it to the next tick: its next look is written only on the row it claimed", async () => {
    const c = await pastCase(bj("2026-04-06", "10:00:00"), bj("2026-04-07", "23:59:59"), bj("2026-04-09", "23:59:59"));
    await rows("UPDATE cases SET next_alert_at = ? WHERE id = ?", [bj("2026-04-07", "09:00:00"), c.id]);
    const now = bj("2026-04-07", "09:05:00");
    const changedAt = bj("2026-04-07", "09:06:00");
    const handle = openDb({ url: env.LIBSQL_URL as string });
    // Between the tick's read and its write, the webhook records a step: the case is to be planned afresh.
    const batch = handle.db.batch.bind(handle.db);
    let calls = 0;
    handle.db.batch = (async (items: Parameters<typeof batch>[0]) => {
      calls += 1;
      if (calls === 2) await rows("UPDATE cases SET next_alert_at = ?, version = version + 1 WHERE id = ?", [changedAt, c.id]);
      return batch(items);
    }) as unknown as typeof handle.db.batch;
    await alertsJob.run({ handle, settings: settingsOf(env), now, cron: "*/5 * * * *" });
    expect(await rows("SELECT next_alert_at FROM cases WHERE id = ?", [c.id])).toEqual([{ next_alert_at: changedAt }]);
    // Nothing was sent on the stale plan; the next tick plans again and sends the due-day reminders once.
    expect(await rows("SELECT count(*) AS n FROM outbox WHERE case_id = ? AND method = 'sendMessage'", [c.id])).toEqual([{ n: 0 }]);
    await tick(bj("2026-04-07", "09:10:00"));
    expect((await textsTo(c.specialist.chat.userId)).filter((t) => t.includes(c.ref) && /时限为今天/.test(t))).toHaveLength(2);
    expect((await rows<{ next_alert_at: number }>("SELECT next_alert_at FROM cases WHERE id = ?", [c.id]))[0]!.next_alert_at).toBe(bj("2026-04-08", "00:00:00") - 1000);
  });
});

describe("cron: a reopened case", () => {
  it("reminds of the new cycle's dues counted from the reopening, not from the receipt", async () => {
    // Received Mon 2 Mar, resolved; the firm was unsatisfied on Tue 10 Mar 10:00: a new response due Wed 11 Mar.
    const c = await pastCase(bj("2026-03-02", "10:00:00"), bj("2026-03-03", "23:59:59"), bj("2026-03-05", "23:59:59"), "in_progress");
    await rows("UPDATE case_obligations SET state = 'met', met_at = ?, met_by = ? WHERE case_id = ?", [bj("2026-03-04", "10:00:00"), c.specialist.id, c.id]);
    const reopenedAt = bj("2026-03-10", "10:00:00");
    const due = bj("2026-03-11", "23:59:59");
    await rows(
      `INSERT INTO case_obligations (case_id, obligation, cycle, clock, due_at, original_due_at, state) VALUES (?, 'first_response', 2, 'working_days', ?, ?, 'open')`,
      [c.id, due, due],
    );
    await rows(`INSERT INTO case_events (case_id, at, actor_type, actor_id, type, from_status, to_status, data) VALUES (?, ?, 'investor', NULL, 'reopened', 'resolved', 'in_progress', '{}')`, [c.id, reopenedAt]);
    await rows("UPDATE cases SET next_alert_at = ? WHERE id = ?", [reopenedAt, c.id]);

    await tick(reopenedAt + 60_000);
    const toOwner = async () => (await textsTo(c.specialist.chat.userId)).filter((text) => text.includes(c.ref));
    // 09:00 of the day before the new due came before the reopening: no "due tomorrow" at once.
    expect(await toOwner()).toEqual([]);
    expect(await rows("SELECT next_alert_at FROM cases WHERE id = ?", [c.id])).toEqual([{ next_alert_at: bj("2026-03-11", "09:00:00") }]);
    await tick(bj("2026-03-11"));
    expect((await toOwner()).filter((text) => /首次响应时限为今天/.test(text))).toHaveLength(1);
    // Cycle 1's met dues raise no supervision.
    await tick(bj("2026-03-11", "12:00:00"));
    expect(await rows("SELECT level FROM supervision_notices WHERE case_id = ?", [c.id])).toEqual([]);
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
    // Each case links to its page in the supervisors' web.
    expect(digests[0]).toContain(`⚠️超期<a href="${settingsOf(env).PUBLIC_BASE_URL}/web/cases/${c.ref}">${c.ref}</a>`);
  });

  it("bounds each digest (the first 40, then how many more) and sends the queue's cases to the department", async () => {
    const department = await joinedSpecialist({ role: "bizenv" });
    const c = await pastCase(bj("2026-10-09", "10:00:00"), bj("2026-10-09", "23:59:59"), bj("2026-10-20", "23:59:59"));
    // 44 more open cases of the same owner, and one case nobody owns yet.
    for (let i = 0; i < 44; i++) {
      await rows(
        `INSERT INTO cases (id, ref, firm_id, created_by, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at, updated_at)
         SELECT ?, ref || '-' || ?, firm_id, created_by, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at + ?, updated_at FROM cases WHERE id = ?`,
        [crypto.randomUUID(), i, (i + 1) * 60_000, c.id],
      );
    }
    const queued = await pastCase(bj("2026-10-09", "11:00:00"), bj("2026-10-09", "23:59:59"), bj("2026-10-21", "23:59:59"), "received");
    await rows("UPDATE cases SET owner_id = NULL WHERE id = ?", [queued.id]);
    await tick(bj("2026-10-12", "09:00:30"));

    const [digest] = (await textsTo(c.specialist.chat.userId)).filter((t) => t.startsWith("<b>每日待办（2026-10-12）"));
    expect(digest).toContain("您负责的在办诉求 45 项");
    expect(digest!.split("\n").filter((line) => line.includes(c.ref))).toHaveLength(40);
    expect(digest).toContain("另有 5 项");
    const [queue] = (await textsTo(department.chat.userId)).filter((t) => t.startsWith("<b>待分派队列（2026-10-12）"));
    expect(queue).toContain(queued.ref);
    // Claims on firms without a specialist of their own wait for the department too (this suite registers many).
    expect(queue).toMatch(/企业认领待核验（2026-10-12）<\/b>：\d+ 项/);
    expect(await rows("SELECT 1 FROM settings WHERE key = 'digest:2026-10-12'")).toHaveLength(1);
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
