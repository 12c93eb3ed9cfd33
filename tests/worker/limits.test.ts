// Per Telegram user: at most so many new cases, firm requests and messages on a case in a window
// (domain/rate-limits.ts), answered in both languages with when to try again (Beijing time); the
// counter is written in the update's own batch. A join request sent again tells nobody twice.
import { describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../../domain/rate-limits.ts";
import { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";
import { joinedSpecialist } from "./support/admin.ts";

/** Sets a counter as if the person had already done `count` of `action` at `windowStart`. */
const counter = (telegramId: number, action: string, windowStart: number, count: number) =>
  rows("INSERT OR REPLACE INTO rate_counters (telegram_id, action, window_start, count) VALUES (?, ?, ?, ?)", [telegramId, action, windowStart, count]);

const casesOf = async (telegramId: number) => (await rows("SELECT id FROM cases WHERE created_by = ?", [telegramId])).length;

/** "… Beijing time" of an instant, as the bot writes it (en-GB, Asia/Shanghai). */
const beijingHm = (at: number) => new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(at));

describe("rate limits per Telegram user", () => {
  it("the last case of the day is filed; the next is refused before its form, in both languages, with when to try again", async () => {
    const { chat } = await registeredInvestor("en");
    const { limit, periodMs } = RATE_LIMITS.case_filing;
    const windowStart = Date.now() - 3_600_000;
    await counter(chat.userId, "case_filing", windowStart, limit - 1);
    await filePolicyQuestion(chat);
    expect(await casesOf(chat.userId)).toBe(1);
    expect(await rows("SELECT window_start, count FROM rate_counters WHERE telegram_id = ? AND action = 'case_filing'", [chat.userId])).toEqual([{ window_start: windowStart, count: limit }]);

    const [refusal] = await chat.send("/policy");
    expect(refusal).toMatch(new RegExp(`reached the limit for new requests \\(${limit} in 24 hours\\)\\. Please try again after .*${beijingHm(windowStart + periodMs)} \\(Beijing time`));
    expect(refusal).toMatch(/新诉求提交已达上限（每 24 小时 10 次）。请于 .* 之后再试/);
    expect(await rows("SELECT state FROM sessions WHERE telegram_id = ? AND state IS NOT NULL", [chat.userId])).toEqual([]);
  });

  it("a submit over the limit keeps the review: nothing is filed or counted, and the same Submit works once the window has passed", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await chat.send("Zero-tariff policy for imported equipment");
    await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
    const submit = await chat.buttonData("✔ Submit");
    // Another device of the same person filed meanwhile, up to the limit.
    await counter(chat.userId, "case_filing", Date.now() - 1000, RATE_LIMITS.case_filing.limit);
    await chat.post(chat.callback(submit));
    expect((await chat.said()).join("\n")).toMatch(/reached the limit for new requests/);
    expect(await casesOf(chat.userId)).toBe(0);
    await counter(chat.userId, "case_filing", Date.now() - RATE_LIMITS.case_filing.periodMs - 1, RATE_LIMITS.case_filing.limit);
    await chat.post(chat.callback(submit));
    expect((await chat.said()).join("\n")).toMatch(/was received as/);
    expect(await casesOf(chat.userId)).toBe(1);
    expect(await rows("SELECT count FROM rate_counters WHERE telegram_id = ? AND action = 'case_filing'", [chat.userId])).toEqual([{ count: 1 }]);
  });

  it("messages and files on a case over the limit are refused: nothing stored, the owner not told", async () => {
    const { chat } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(chat);
    await counter(chat.userId, "case_message", Date.now() - 60_000, RATE_LIMITS.case_message.limit);
    await chat.send(`/status ${filed.ref}`);
    await chat.tap("Add a message");
    const [refusal] = await chat.send("One more thing about the lease.");
    expect(refusal).toMatch(/reached the limit for messages and files added to cases \(30 in an hour\)/);
    expect(await rows("SELECT 1 FROM case_events WHERE case_id = ? AND type = 'investor_message'", [filed.id])).toEqual([]);
    expect(await rows("SELECT 1 FROM outbox WHERE case_id = ? AND dedupe_key LIKE '%investor_message%'", [filed.id])).toEqual([]);
  });

  it("a join request sent again notifies the approvers once; firm requests are limited too", async () => {
    await joinedSpecialist({ role: "bizenv" });
    const { chat: member, uscc } = await registeredInvestor("en");
    await rows("UPDATE firm_members SET status = 'active' WHERE telegram_id = ?", [member.userId]);
    const asks = async () => (await member.messages()).filter((m) => /asks to join/.test(String(m.payload.text))).length;

    const joiner = new Chat("en");
    await joiner.send("/start");
    await joiner.tap("English");
    await joiner.tap("Agree and continue");
    for (let round = 0; round < 2; round++) {
      if (round > 0) await joiner.send("/register");
      await joiner.send(uscc);
      await joiner.tap("Skip");
      await joiner.send("Hainan Test Trading Ltd");
      await joiner.tap("Haikou");
      await joiner.tap("Trade");
      await joiner.tap("No");
      await joiner.tap("Skip");
      await joiner.tap("Skip");
      expect((await joiner.tap("✔ Submit")).join("\n")).toMatch(/awaits approval/);
    }
    await expect.poll(asks, { timeout: 10_000 }).toBe(1);
    expect(await rows("SELECT count FROM rate_counters WHERE telegram_id = ? AND action = 'firm_request'", [joiner.userId])).toEqual([{ count: 2 }]);

    await counter(joiner.userId, "firm_request", Date.now(), RATE_LIMITS.firm_request.limit);
    expect((await joiner.send("/register")).join("\n")).toMatch(/reached the limit for requests to register or join a firm/);
    expect(await asks()).toBe(1);
  });
});
