// Common steps of the investor's journey, in either language.
import { expect } from "vitest";
import { Chat } from "./chat.ts";
import { randomUscc } from "./data.ts";
import { rows } from "./db.ts";

export const LABELS = {
  zh: { language: "中文", accept: "同意并继续", skip: "跳过", submit: "✔ 提交", yes: "是", area: "海口市", industry: "贸易" },
  en: { language: "English", accept: "Agree and continue", skip: "Skip", submit: "✔ Submit", yes: "Yes", area: "Haikou", industry: "Trade" },
} as const;

/** /start → language → notice accepted → firm registered; returns the chat and the firm's code. */
export async function registeredInvestor(locale: "zh" | "en", uscc = randomUscc(), area?: string, direct = false): Promise<{ chat: Chat; uscc: string }> {
  const chat = new Chat(locale === "zh" ? "zh-hans" : "en", { direct });
  const l = LABELS[locale];
  await chat.send("/start");
  await chat.tap(l.language);
  await chat.tap(l.accept);
  await chat.send(uscc);
  if (locale === "zh") {
    await chat.send("海南测试贸易有限公司");
    await chat.tap(l.skip);
  } else {
    await chat.tap(l.skip);
    await chat.send("Hainan Test Trading Ltd");
  }
  await chat.tap(area ?? l.area);
  await chat.tap(l.industry);
  await chat.tap(l.yes);
  await chat.send(locale === "zh" ? "新加坡" : "Singapore");
  await chat.send(locale === "zh" ? "张三" : "Jane Doe");
  await chat.send("13800138000");
  const done = await chat.tap(l.submit);
  expect(done.join("\n")).toMatch(locale === "zh" ? /登记成功/ : /is registered/);
  return { chat, uscc };
}

/** Files a policy question and returns the case's id and ref. */
export async function filePolicyQuestion(chat: Chat) {
  await chat.send("/policy");
  await chat.send("Zero-tariff policy for imported equipment");
  await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
  await chat.tap("✔ Submit");
  const [row] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ? ORDER BY received_at DESC", [chat.userId]);
  return row!;
}

/** Files an urgent appeal (especially urgent if `especially`) in English; the case's id and ref. */
export async function fileUrgent(chat: Chat, especially = false) {
  await chat.send("/urgent");
  await chat.send("Our imported equipment has been held at the port for two weeks.");
  await chat.send("The production line has stopped.");
  await chat.send("Please coordinate with customs to release it.");
  await chat.tap(especially ? "Yes" : "No");
  if (especially) await chat.send("Perishable materials spoil within two days.");
  await chat.tap("✔ Submit");
  const [row] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ? ORDER BY received_at DESC", [chat.userId]);
  return row!;
}
