// Every message fits its channel: each message type, built from fields at their maximum, is sent
// to the fake Bot API, which refuses (400) anything Telegram would: badly escaped HTML, or more than
// 4,096 characters once parsed. Long free text is either cut with a pointer to where it is shown
// whole, or the message is sent as parts, in order.
import { describe, expect, it } from "vitest";
import { parseTelegramHtml, TEXT_LIMIT } from "../../lib/telegram-text.ts";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { Chat } from "./support/chat.ts";
import { randomUscc } from "./support/data.ts";
import { rows } from "./support/db.ts";
import { LABELS } from "./support/flows.ts";
import { callsTo, type RecordedCall } from "./support/telegram.ts";

/** Exactly `length` characters (code points) of text that trips naive bots: HTML, entities, emoji, RTL; lines and paragraphs when multiline. */
let texts = 0;
function exact(length: number, multiline = true): string {
  const words = ["<b>粗</b>", "&amp;", "a<b", "'引号'", '"q"', "🇨🇳", "مرحبا", "营商环境", "zero\u200Bwidth", "x>y", `#${++texts}`];
  const chars: string[] = [];
  for (let i = 0; chars.length < length; i++) {
    const separator = multiline && i % 40 === 39 ? "\n\n" : multiline && i % 9 === 8 ? "\n" : " ";
    chars.push(...`${words[i % words.length]}${separator}`);
  }
  const text = chars.slice(0, length);
  // The form trims what it is sent: no whitespace at either end.
  for (const at of [0, length - 1]) if (/\s/.test(text[at]!)) text[at] = "汉";
  return text.join("");
}

const shown = (call: RecordedCall) => {
  const parsed = parseTelegramHtml(String(call.payload.text));
  if (!parsed.ok) throw new Error(parsed.description);
  return parsed.text;
};

/** Every call to these chats since the test began was accepted. */
async function expectNothingRefused(chats: number[]) {
  for (const chat of chats) {
    const refused = (await callsTo(chat)).filter((c) => c.status !== 200);
    expect(refused.map((c) => [c.method, c.status, c.response, String(c.payload.text).length])).toEqual([]);
  }
}

/** What a chat was shown since `from` (a count of its accepted messages), as Telegram shows it. */
async function shownSince(chat: Chat, from: number): Promise<string[]> {
  return (await chat.messages()).slice(from).map(shown);
}

/** What the outbox delivered to a chat since `from`, once `done` says it is all there (the drain runs after the webhook answers). */
async function arrived(chat: Chat, from: number, done: (texts: string[]) => boolean): Promise<string[]> {
  let texts: string[] = [];
  await expect.poll(async () => done((texts = await shownSince(chat, from))), { timeout: 15_000 }).toBe(true);
  return texts;
}

/** An investor whose firm has every registration field at its maximum, assigned to `specialistId`. */
async function investorAtLimits(locale: "zh" | "en", specialistId: string) {
  const chat = new Chat(locale === "zh" ? "zh-hans" : "en");
  const l = LABELS[locale];
  const uscc = randomUscc();
  await chat.send("/start");
  await chat.tap(l.language);
  await chat.tap(l.accept);
  await chat.send(uscc);
  await chat.send(exact(100, false));
  await chat.send(exact(150, false));
  await chat.tap(l.area);
  await chat.tap(l.industry);
  await chat.tap(l.yes);
  await chat.send(exact(60, false));
  await chat.send(exact(50, false));
  await chat.send("+86 (898) 6666-8888");
  expect((await chat.tap(l.submit)).join("\n")).toMatch(locale === "zh" ? /登记成功/ : /is registered/);
  expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId })).status).toBe(200);
  return chat;
}

async function refOf(chat: Chat): Promise<{ id: string; ref: string }> {
  const [row] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ? ORDER BY received_at DESC LIMIT 1", [chat.userId]);
  return row!;
}

describe("every message fits its channel", () => {
  it("an especially urgent appeal at every limit reaches its owner at once, cut with a pointer to /case, which shows it whole", async () => {
    const specialist = await joinedSpecialist();
    const investor = await investorAtLimits("en", specialist.id);
    const fields = { difficulty: exact(2000), impact: exact(1000), help: exact(1000), reason: exact(500) };
    await investor.send("/urgent");
    await investor.send(fields.difficulty);
    await investor.send(fields.impact);
    await investor.send(fields.help);
    await investor.tap("Yes");
    await investor.send(fields.reason);
    const before = (await specialist.chat.messages()).length;
    await investor.tap("✔ Submit");
    const { ref } = await refOf(investor);

    const [notice, ...more] = await arrived(specialist.chat, before, (texts) => texts.length > 0);
    expect(more).toEqual([]);
    expect(notice).toContain(`【${ref}】新紧急诉求（情况特别紧急）`);
    expect(notice).toContain(fields.difficulty.slice(0, 200));
    expect(notice).toMatch(new RegExp(`…（全文：/case ${ref}）$`));
    // The buttons come with it: the owner can act on the 2-hour case from the notice.
    expect(JSON.stringify((await specialist.chat.messages()).at(-1)!.payload.reply_markup)).toContain("sp:ack:");

    // /case shows the firm's words whole, in parts if need be, the buttons under the last.
    const parts = await specialist.chat.send(`/case ${ref}`);
    expect(parts.length).toBeGreaterThan(1);
    const whole = (await shownSince(specialist.chat, (await specialist.chat.messages()).length - parts.length)).join("");
    for (const text of Object.values(fields)) expect(whole).toContain(text);
    const last = (await specialist.chat.messages()).at(-1)!;
    expect(JSON.stringify(last.payload.reply_markup)).toContain("sp:reply:");
    await expectNothingRefused([specialist.chat.userId, investor.userId]);
  });

  it("a 2,000-character reply, answer and resolution reach the firm whole in both languages, in order, the survey after them", async () => {
    const specialist = await joinedSpecialist();
    const investor = await investorAtLimits("zh", specialist.id);
    await investor.send("/policy");
    await investor.send(exact(200, false));
    await investor.send(exact(2000));
    await investor.tap("✔ 提交");
    const { ref } = await refOf(investor);
    await expect.poll(async () => (await specialist.chat.messages()).some((m) => String(m.payload.text).includes(ref))).toBe(true);

    const reply = exact(2000);
    await specialist.chat.tap("💬 回复企业");
    await specialist.chat.send(reply);
    const before = (await investor.messages()).length;
    expect((await specialist.chat.tap("✔ 提交")).join()).toMatch(/已回复企业/);
    // Whole, in Chinese and in English.
    const update = (await arrived(investor, before, (texts) => texts.join("\n").split(reply).length === 3)).join("\n");
    expect(update.indexOf(`【${ref}】状态更新`)).toBeLessThan(update.indexOf(`[${ref}] Status`));

    // The answer (the question's obligation) at its maximum too, then the resolution.
    const answer = exact(2000);
    await specialist.chat.tap("📝 答复企业");
    await specialist.chat.send(answer);
    const beforeAnswer = (await investor.messages()).length;
    await specialist.chat.tap("✔ 提交");
    await arrived(investor, beforeAnswer, (texts) => texts.join("\n").split(answer).length === 3);

    const outcome = exact(2000);
    await specialist.chat.tap("🏁 办结");
    await specialist.chat.send(outcome);
    const beforeResolution = (await investor.messages()).length;
    await specialist.chat.tap("✔ 提交");
    const resolution = await arrived(investor, beforeResolution, (texts) => texts.some((text) => /请评价办理结果/.test(text)));
    expect(resolution.join("\n").split(outcome)).toHaveLength(3);
    expect(resolution.at(-1)).toMatch(/请评价办理结果/); // the survey comes last
    expect(resolution.filter((text) => /请评价办理结果/.test(text))).toHaveLength(1);
    await expectNothingRefused([specialist.chat.userId, investor.userId]);
  });

  it("a meeting request and the other actions on it, each field at its maximum: all accepted, the long texts whole", async () => {
    const specialist = await joinedSpecialist();
    const successor = await joinedSpecialist();
    const investor = await investorAtLimits("en", specialist.id);
    await investor.send("/appointment");
    await investor.send(exact(100, false)); // a counterpart of their own
    await investor.send(exact(1000));
    await investor.send(`2026-03-02 ${exact(189, false)}`);
    await investor.send(exact(300));
    await investor.tap("✔ Submit");
    const { ref } = await refOf(investor);
    await expect.poll(async () => (await specialist.chat.messages()).some((m) => String(m.payload.text).includes(ref))).toBe(true);

    const request = exact(1000);
    await specialist.chat.tap("📎 请企业补充材料");
    await specialist.chat.send(request);
    await specialist.chat.tap("✔ 提交");
    await arrived(investor, 0, (texts) => texts.join("\n").split(request).length === 3);
    // The meeting held, by a delegated official with the principal's approval, each at its maximum.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await specialist.chat.tap("🤝 登记约见已举行");
    await specialist.chat.send(today);
    await specialist.chat.send(exact(100, false));
    await specialist.chat.tap("是");
    await specialist.chat.send(exact(300, false));
    await specialist.chat.tap("✔ 提交");

    // The owner is told what was stored, whole. (What is stored of a message or a reason: see the report on this branch.)
    const stored = async (type: string) => {
      const [event] = await rows<{ data: string }>("SELECT e.data FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.ref = ? AND e.type = ?", [ref, type]);
      return Object.values(JSON.parse(event!.data) as Record<string, string>)[0]!;
    };
    await investor.send(`/status ${ref}`);
    await investor.tap("Add a message or file");
    const beforeMessage = (await specialist.chat.messages()).length;
    await investor.send(exact(2000));
    const message = await stored("investor_message");
    await arrived(specialist.chat, beforeMessage, (texts) => texts.join("\n").includes(message));

    // A transfer asked for with its reason at its maximum (the department approves it).
    await specialist.chat.tap("↪️ 转交");
    await specialist.chat.send(successor.id);
    await specialist.chat.send(exact(500));
    await specialist.chat.tap("✔ 提交");

    await investor.send(`/status ${ref}`);
    await investor.tap("Withdraw");
    const beforeWithdrawal = (await specialist.chat.messages()).length;
    await investor.send(exact(2000));
    const reason = await stored("withdrawn");
    await arrived(specialist.chat, beforeWithdrawal, (texts) => texts.join("\n").includes(reason));
    await expectNothingRefused([specialist.chat.userId, successor.chat.userId, investor.userId]);
  });

  it("/mine with 50 open cases in English arrives whole, in parts within the limit", async () => {
    const specialist = await joinedSpecialist();
    await specialist.chat.send("/language");
    await specialist.chat.tap("English");
    const firmChat = await investorAtLimits("en", specialist.id);
    const [firm] = await rows<{ firm_id: string }>("SELECT firm_id FROM firm_members WHERE telegram_id = ?", [firmChat.userId]);
    const refs: string[] = [];
    for (let i = 0; i < 50; i++) {
      const ref = `HN-2026-M${String(i).padStart(2, "0")}${Math.floor(Math.random() * 1e6)}`;
      refs.push(ref);
      await rows(
        `INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at, updated_at)
         VALUES (?, ?, ?, 'especially_urgent', 'meeting_scheduled', 's', '{}', ?, 0, ?, ?, 0)`,
        [crypto.randomUUID(), ref, firm!.firm_id, specialist.id, Date.now() - 86_400_000, Date.now() - 3_600_000 + i],
      );
    }
    const parts = await specialist.chat.send("/mine");
    expect(parts.length).toBeGreaterThan(1);
    const texts = await shownSince(specialist.chat, (await specialist.chat.messages()).length - parts.length);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(TEXT_LIMIT);
    for (const ref of refs) expect(texts.join("\n")).toContain(ref);
    await expectNothingRefused([specialist.chat.userId]);
  });
});
