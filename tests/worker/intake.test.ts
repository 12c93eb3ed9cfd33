import { describe, expect, it } from "vitest";
import { instantOfBeijing } from "../../domain/calendar.ts";
import { Chat } from "./support/chat.ts";
import { randomUscc, withWrongCheck } from "./support/data.ts";
import { rows } from "./support/db.ts";
import { deliver, textUpdate } from "./support/telegram.ts";
import { LABELS, registeredInvestor } from "./support/flows.ts";

interface CaseRow {
  id: string;
  ref: string;
  kind: string;
  status: string;
  received_at: number;
  first_response_due_at: number;
  resolution_due_at: number;
  details: string;
}

async function casesOf(telegramId: number): Promise<CaseRow[]> {
  return rows<CaseRow>("SELECT * FROM cases WHERE created_by = ? ORDER BY received_at", [telegramId]);
}

describe("onboarding", () => {
  it("stores nothing personal until the notice is accepted", async () => {
    const chat = new Chat("en");
    await chat.send("/start");
    await chat.tap("English");
    const [user] = await rows<{ chat_id: number | null; privacy_accepted_at: number | null }>(
      "SELECT chat_id, privacy_accepted_at FROM users WHERE telegram_id = ?",
      [chat.userId],
    );
    expect(user).toEqual({ chat_id: null, privacy_accepted_at: null });
    const declined = await chat.tap("Decline");
    expect(declined.join()).toMatch(/keep no personal information/);
    const filing = await chat.send("/appointment");
    expect(filing[0]).toMatch(/accept the notice on personal information first/);
  });

  it("registers a firm in Chinese, with the contact saved on the person", async () => {
    const { chat, uscc } = await registeredInvestor("zh");
    const [firm] = await rows<{ name_zh: string; name_en: string | null; area_code: string; foreign_invested: number; investor_country: string }>(
      "SELECT name_zh, name_en, area_code, foreign_invested, investor_country FROM firms WHERE uscc = ?",
      [uscc],
    );
    expect(firm).toEqual({ name_zh: "海南测试贸易有限公司", name_en: null, area_code: "haikou", foreign_invested: 1, investor_country: "新加坡" });
    expect(await rows("SELECT display_name, phone FROM users WHERE telegram_id = ?", [chat.userId])).toEqual([
      { display_name: "张三", phone: "+8613800138000" },
    ]);
  });

  it("lets a second person join only after a verified member approves", async () => {
    const { chat: first, uscc } = await registeredInvestor("en");
    // The first is verified (tests/worker/claims.test.ts covers how); joining needs a verified member.
    await rows("UPDATE firm_members SET status = 'active' WHERE telegram_id = ?", [first.userId]);
    const second = new Chat("en");
    await second.send("/start");
    await second.tap("English");
    await second.tap("Agree and continue");
    const exists = await second.send(uscc);
    expect(exists.join("\n")).toMatch(/is registered already/);
    await second.tap("Skip");
    await second.send("Hainan Test Trading Ltd");
    await second.tap("Haikou");
    await second.tap("Trade");
    await second.tap("No");
    await second.tap("Skip");
    await second.tap("Skip");
    const pending = await second.tap("✔ Submit");
    expect(pending.join()).toMatch(/awaits approval/);
    expect(await second.send("/appointment")).toEqual(expect.arrayContaining([expect.stringMatching(/register or join/)]));

    // The member gets a request with buttons (through the outbox, drained after the update).
    await expect.poll(async () => (await first.messages()).some((m) => /asks to join/.test(String(m.payload.text))), { timeout: 10_000 }).toBe(true);
    await first.tap("Approve");
    const [membership] = await rows<{ status: string; approved_by: number }>(
      "SELECT m.status, m.approved_by FROM firm_members m JOIN firms f ON f.id = m.firm_id WHERE f.uscc = ? AND m.telegram_id = ?",
      [uscc, second.userId],
    );
    expect(membership).toEqual({ status: "active", approved_by: first.userId });
    await expect.poll(async () => (await second.messages()).some((m) => /was approved/.test(String(m.payload.text))), { timeout: 10_000 }).toBe(true);
  });

  it("refuses an approval from someone outside the firm", async () => {
    const { uscc } = await registeredInvestor("en");
    const stranger = new Chat("en");
    await stranger.post(stranger.callback(`join:a:${uscc}:${stranger.userId + 1}`));
    expect(await rows("SELECT 1 FROM firm_members WHERE telegram_id = ?", [stranger.userId + 1])).toHaveLength(0);
  });
});

describe("the unified social credit code is checked", () => {
  const toCode = async () => {
    const chat = new Chat("en");
    await chat.send("/start");
    await chat.tap("English");
    await chat.tap("Agree and continue");
    return chat;
  };

  it.each([
    ["a wrong check character", (c: string) => withWrongCheck(c), /check character \(the 18th\) is wrong/, /校验位/],
    ["17 characters", (c: string) => c.slice(0, 17), /has 18 characters \(this one has 17\)/, /应为 18 位/],
    ["the letter I", (c: string) => `${c.slice(0, 9)}I${c.slice(10)}`, /character 10, “I”, is not allowed/, /第 10 位“I”/],
    ["the letter O", (c: string) => `${c.slice(0, 9)}O${c.slice(10)}`, /“O”, is not allowed/, /“O”/],
    ["the letter S", (c: string) => `${c.slice(0, 9)}S${c.slice(10)}`, /“S”, is not allowed/, /“S”/],
    ["the letter V", (c: string) => `${c.slice(0, 9)}V${c.slice(10)}`, /“V”, is not allowed/, /“V”/],
    ["the letter Z", (c: string) => `${c.slice(0, 9)}Z${c.slice(10)}`, /“Z”, is not allowed/, /“Z”/],
  ])("refuses %s in both languages, naming the field, and keeps asking", async (_label, spoil, english, chinese) => {
    const chat = await toCode();
    const [error] = await chat.send(spoil(randomUscc()));
    expect(error).toMatch(english);
    expect(error).toMatch(chinese);
    expect(error).toContain("Unified social credit code");
    expect(error).toContain("统一社会信用代码");
    // Nothing half-saved, and the next valid answer is taken.
    expect(await rows("SELECT 1 FROM firm_members WHERE telegram_id = ?", [chat.userId])).toHaveLength(0);
    const next = await chat.send(randomUscc());
    expect(next.at(-1)).toMatch(/name in Chinese/);
  });
});

describe("round trips", () => {
  it("costs at most 2 DB round trips for every step of onboarding and a full intake", async () => {
    const { chat } = await registeredInvestor("en", undefined, undefined, true);
    await chat.send("/urgent");
    await chat.send("Customs clearance of our production line is blocked for two weeks.");
    await chat.send("Production halted, 300 workers idle.");
    await chat.send("A consultation with customs and commerce.");
    await chat.tap("No");
    await chat.tap("✔ Submit");
    await chat.send("/cases");
    expect(chat.roundTrips.length).toBeGreaterThan(15);
    expect(Math.max(...chat.roundTrips)).toBe(2);
  });
});

describe("filing cases", () => {
  it("files a meeting request in Chinese, with ref, deadline and Beijing time", async () => {
    const { chat } = await registeredInvestor("zh");
    await chat.send("/appointment");
    await chat.tap("商务部门");
    await chat.send("希望就自贸港零关税政策下的设备进口问题与商务部门沟通。");
    await chat.send("2026-12-01 上午");
    await chat.send("张三，总经理");
    const review = await chat.said();
    expect(review).toEqual([]);
    const confirmation = (await chat.tap("✔ 提交")).join("\n");
    expect(confirmation).toMatch(/编号 <b>HN-\d{4}-\d{6}<\/b>/);
    expect(confirmation).toContain("7 个工作日内举行约见");
    // Investors read dates, never 23:59 times: 「2026年3月5日（星期四）」.
    expect(confirmation).toMatch(/最迟：<b>\d{4}年\d{1,2}月\d{1,2}日（星期.(，调休工作日)?）<\/b>/);
    expect(confirmation).not.toContain("23:59");
    expect(confirmation).toContain("meeting request");
    expect(confirmation.indexOf("已受理")).toBeLessThan(confirmation.indexOf("was received"));
    const [filed] = await casesOf(chat.userId);
    expect(filed).toMatchObject({ kind: "appointment", status: "received" });
    expect(JSON.parse(filed!.details)).toMatchObject({ counterpart: "commerce", attendees: "张三，总经理" });
    expect(confirmation).toContain(filed!.ref);
    const events = await rows<{ type: string }>("SELECT type FROM case_events WHERE case_id = ?", [filed!.id]);
    expect(events.map((e) => e.type)).toEqual(["received"]);
  });

  it("files an especially urgent appeal in English: a 2-hour first response", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/urgent");
    await chat.send("Customs clearance of our production line is blocked for two weeks.");
    await chat.send("Production halted, 300 workers idle.");
    await chat.send("A consultation with customs and commerce.");
    await chat.tap("Yes");
    await chat.send("Perishable raw materials expire on Friday.");
    const confirmation = (await chat.tap("✔ Submit")).join("\n");
    expect(confirmation).toContain("within 2 hours of receipt");
    const [filed] = await casesOf(chat.userId);
    expect(filed!.kind).toBe("especially_urgent");
    expect(filed!.first_response_due_at - filed!.received_at).toBe(2 * 3_600_000);
  });

  it("files a policy question, and a file sent during the intake joins the case", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await chat.send("Zero-tariff policy for imported equipment");
    await chat.post({
      update_id: Date.now(),
      message: {
        message_id: 9,
        date: 0,
        chat: { id: chat.userId, type: "private", first_name: "T" },
        from: { id: chat.userId, is_bot: false, first_name: "T" },
        document: { file_id: "DOC-1", file_unique_id: `u-${chat.userId}`, file_name: "invoice.pdf", mime_type: "application/pdf", file_size: 1200 },
      },
    } as never);
    expect((await chat.said()).join()).toContain("invoice.pdf");
    await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
    const confirmation = (await chat.tap("✔ Submit")).join("\n");
    expect(confirmation).toContain("10 working days");
    const [filed] = await casesOf(chat.userId);
    const files = await rows("SELECT file_id, file_name, mime_type, size, kind FROM attachments WHERE case_id = ?", [filed!.id]);
    expect(files).toEqual([{ file_id: "DOC-1", file_name: "invoice.pdf", mime_type: "application/pdf", size: 1200, kind: "document" }]);
  });

  it.each([
    ["en", "appointment", ["/appointment", { tap: "Customs" }, "Clearance of imported lab equipment.", { tap: "Skip" }, "Jane Doe, CEO"], "within 7 working days"],
    ["zh", "urgent", ["/urgent", "进口设备被海关扣留两周，生产线停工。", "停产损失每日约五十万元。", "请求协调海关尽快放行。", { tap: "否" }], "3 个工作日内"],
    ["zh", "policy", ["/policy", "零关税政策", "融资租赁进口设备是否适用零关税政策？"], "10 个工作日内"],
  ] as const)("files in %s a %s case end to end", async (locale, kind, steps, rule) => {
    const { chat } = await registeredInvestor(locale);
    for (const step of steps) {
      if (typeof step === "string") await chat.send(step);
      else await chat.tap(step.tap);
    }
    const confirmation = (await chat.tap(locale === "zh" ? "✔ 提交" : "✔ Submit")).join("\n");
    expect(confirmation).toContain(rule);
    expect(confirmation).toMatch(/HN-\d{4}-\d{6}/);
    const [filed] = await casesOf(chat.userId);
    expect(filed!.kind).toBe(kind);
  });

  it("keeps the form consistent when answers arrive at once: a loser is redelivered, nothing is lost", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    const answers = ["Zero-tariff policy, question A", "Zero-tariff policy, question B", "Zero-tariff policy, question C"].map((text) => textUpdate(chat.userId, text));
    const responses = await Promise.all(answers.map((u) => deliver(u)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    // Telegram redelivers what got 503, one by one.
    for (const [i, status] of statuses.entries()) if (status === 503) expect((await deliver(answers[i]!)).status).toBe(200);
    const [session] = await rows<{ state: string; version: number }>("SELECT state, version FROM sessions WHERE telegram_id = ?", [chat.userId]);
    const state = JSON.parse(session!.state) as { form: { at: string; draft: Record<string, string>; path: string[] } };
    // Two answers filled the two fields; the third was taken at the review (which keeps waiting for Submit).
    expect(state.form.at).toBe("review");
    expect(new Set([state.form.draft.policy, state.form.draft.question]).size).toBe(2);
    expect(state.form.path).toEqual(["policy", "question"]);
  });

  it("switches the language at any time from the menu", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/menu");
    await chat.tap("🌐 中文 / English");
    await chat.tap("中文");
    expect(await rows("SELECT locale FROM users WHERE telegram_id = ?", [chat.userId])).toEqual([{ locale: "zh" }]);
    expect((await chat.send("/help")).join()).toContain("海南外资企业服务台");
  });

  it("refuses a too-short answer with both languages and keeps the question", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await chat.send("Zero-tariff policy");
    const [error] = await chat.send("Why?");
    expect(error).toContain("needs at least 10 characters");
    expect(error).toContain("至少需要 10 个字");
    expect(await casesOf(chat.userId)).toHaveLength(0);
  });

  it("goes back a step and cancels mid-flow without saving anything", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/appointment");
    await chat.tap("Customs");
    const back = await chat.tap("◀ Back");
    expect(back.at(-1)).toMatch(/department or official/);
    await chat.tap("Taxation");
    const cancelled = await chat.send("/cancel");
    expect(cancelled[0]).toMatch(/Cancelled/);
    expect(await rows("SELECT state FROM sessions WHERE telegram_id = ?", [chat.userId])).toEqual([{ state: null }]);
    expect(await casesOf(chat.userId)).toHaveLength(0);
  });

  it("resumes where the person was after a restart: the state lives in libSQL", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await chat.send("Zero-tariff policy for imported equipment");
    const [session] = await rows<{ state: string; version: number }>("SELECT state, version FROM sessions WHERE telegram_id = ?", [chat.userId]);
    expect(JSON.parse(session!.state)).toMatchObject({ flow: "form", form: { form: "policy", at: "question" } });
    // A new isolate knows nothing but the database: the next answer continues the same form.
    await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
    const confirmation = (await chat.tap("✔ Submit")).join("\n");
    expect(confirmation).toMatch(/HN-\d{4}-\d{6}/);
  });

  it("expires a half-finished intake with a notice", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await rows("UPDATE sessions SET expires_at = 1 WHERE telegram_id = ?", [chat.userId]);
    const said = await chat.send("Zero-tariff policy for imported equipment");
    expect(said[0]).toMatch(/has expired/);
    expect(await rows("SELECT state FROM sessions WHERE telegram_id = ?", [chat.userId])).toEqual([{ state: null }]);
  });

  it("computes the due from the Beijing date of receipt", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await chat.send("Zero-tariff policy for imported equipment");
    await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
    await chat.tap("✔ Submit");
    const [filed] = await casesOf(chat.userId);
    const dueClock = new Date(filed!.resolution_due_at + 8 * 3_600_000).toISOString().slice(11, 19);
    expect(dueClock).toBe("23:59:59");
    expect(filed!.resolution_due_at).toBeGreaterThan(filed!.received_at + 10 * 86_400_000);
    expect(filed!.resolution_due_at).toBe(instantOfBeijing(new Date(filed!.resolution_due_at + 8 * 3_600_000).toISOString().slice(0, 10), "23:59:59"));
  });
});

void LABELS;
