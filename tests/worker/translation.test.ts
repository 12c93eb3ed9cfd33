// Free text across the language line: an investor's English reaches the (Chinese-reading) specialist,
// a specialist's Chinese reaches the English reader, each with a labelled machine translation under
// the original, made when the outbox sends the message (the fake answers like Workers AI's m2m100).
// A translator that fails, hangs or answers nothing costs a bounded wait, never the message.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { TRANSLATION_SLOT, TRANSLATION_WAIT_MS } from "../../lib/translation.ts";
import { admin, joinedSpecialist } from "./support/admin.ts";
import type { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { registeredInvestor } from "./support/flows.ts";
import { callsTo, injectFault, type RecordedCall } from "./support/telegram.ts";
import { get, signIn } from "./support/web.ts";

const AI = { AI_FAKE_URL: `${env.TELEGRAM_API_ROOT}/__ai/run` };
const LABEL_ZH = "机器翻译（仅供参考，以原文为准）：";
const LABEL_EN = "Machine translation (for reference; the original prevails):";
const NOTE_ZH = "（机器翻译暂不可用，以上为原文。）";
let n = 0;
const unique = (text: string) => `${text} #${Date.now().toString(36)}${++n}`;

/** The texts of the chat's messages that contain `needle`, once there are `count` of them. */
async function arrivedWith(chat: Chat, needle: string, count = 1): Promise<string[]> {
  let found: string[] = [];
  await expect
    .poll(async () => (found = (await chat.messages()).map((m) => String(m.payload.text)).filter((t) => t.includes(needle))).length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return found;
}

/** What the fake Workers AI was asked to translate, for this text. */
async function aiCalls(text: string): Promise<RecordedCall[]> {
  const calls = (await (await fetch(`${env.TELEGRAM_API_ROOT}/__control/calls?method=ai:run`)).json()) as RecordedCall[];
  return calls.filter((c) => c.payload.text === text);
}

/** An English-speaking investor whose firm is assigned to a specialist, one meeting request filed in English; translation on for both. */
async function englishCase(topic: string) {
  const specialist = await joinedSpecialist();
  const { chat: investor, uscc } = await registeredInvestor("en");
  expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
  investor.settings = AI;
  specialist.chat.settings = AI;
  await investor.send("/appointment");
  await investor.tap("Commerce department");
  await investor.send(topic);
  await investor.tap("Skip");
  await investor.send("Jane Doe, general manager");
  await investor.tap("✔ Submit");
  const [filed] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ? ORDER BY received_at DESC LIMIT 1", [investor.userId]);
  return { specialist, investor, ref: filed!.ref };
}

async function investorMessage(investor: Chat, ref: string, text: string) {
  await investor.send(`/status ${ref}`);
  await investor.tap("Add a message or file");
  await investor.send(text);
}

describe("machine translation across the language line", () => {
  it("an English case and message reach the Chinese-reading specialist with a labelled translation under the original", async () => {
    const topic = unique("Import of equipment under the zero-tariff policy.");
    const { specialist, investor, ref } = await englishCase(topic);
    const [notice] = await arrivedWith(specialist.chat, ref);
    // The original whole, then the label, then the translation (the fake marks its direction).
    expect(notice!.indexOf(topic)).toBeGreaterThan(0);
    expect(notice!.indexOf(LABEL_ZH)).toBeGreaterThan(notice!.indexOf(topic));
    // The firm's words as filed (every answer of the form), translated as one text.
    expect(notice!.slice(notice!.indexOf(LABEL_ZH))).toMatch(new RegExp(`\\[en→zh\\] [^]*${topic}`));
    expect(notice).not.toContain(TRANSLATION_SLOT);

    const message = unique("The customs declaration is attached.");
    await investorMessage(investor, ref, message);
    const [relayed] = await arrivedWith(specialist.chat, message);
    expect(relayed).toMatch(new RegExp(`企业补充说明：\\s*${message}\\s*<i>${LABEL_ZH}</i>\\s*\\[en→zh\\] ${message}`));
    expect((await aiCalls(message))[0]!.payload).toMatchObject({ model: "@cf/meta/m2m100-1.2b", source_lang: "en", target_lang: "zh" });
  });

  it("a Chinese reply reaches the English reader translated in the English part, the Chinese part as written", async () => {
    const { specialist, investor, ref } = await englishCase(unique("Equipment lease question."));
    await arrivedWith(specialist.chat, ref);
    const reply = unique("请提供设备清单和报关单，我们将在三个工作日内答复。");
    await specialist.chat.tap("💬 回复企业");
    await specialist.chat.send(reply);
    await specialist.chat.tap("✔ 提交");
    const [update] = await arrivedWith(investor, reply);
    // The reader's language first: the English block, then the Chinese one.
    const zhAt = update!.indexOf(`【${ref}】`);
    const english = update!.slice(update!.indexOf(`[${ref}]`), zhAt);
    const chinese = update!.slice(zhAt);
    expect(zhAt).toBeGreaterThan(0);
    expect(english).toMatch(new RegExp(`The specialist replies: ${reply}\\s*<i>${LABEL_EN.replace(/[()]/g, "\\$&")}</i>\\s*\\[zh→en\\] ${reply}`));
    expect(chinese).toContain(`服务专员回复：${reply}`);
    expect(chinese).not.toContain("机器翻译");
  });

  it("a reply at its maximum still fits Telegram's limit: the English reader gets the original whole and the translation cut, pointing to /status", async () => {
    const { specialist, investor, ref } = await englishCase(unique("Long reply, please."));
    await arrivedWith(specialist.chat, ref);
    const reply = unique("请提供设备清单和报关单。".repeat(165)).slice(-2000);
    await specialist.chat.tap("💬 回复企业");
    await specialist.chat.send(reply);
    await specialist.chat.tap("✔ 提交");
    const parts = await arrivedWith(investor, reply, 2);
    // Every call to the investor was accepted: nothing over 4,096 characters once parsed.
    expect((await callsTo(investor.userId)).filter((c) => c.status !== 200)).toEqual([]);
    const english = parts.find((p) => p.includes("The specialist replies"))!;
    expect(english).toContain(`The specialist replies: ${reply}`);
    expect(english).toContain(`… (full text: /status ${ref})`);
    expect(parts.find((p) => p.includes("服务专员回复"))).not.toContain("机器翻译");
  });

  for (const kind of ["500", "hang", "empty"] as const) {
    it(`when the translator ${kind === "500" ? "fails" : kind === "hang" ? "does not answer" : "answers nothing"}, the message arrives on time, untranslated, with the note`, async () => {
      const { specialist, investor, ref } = await englishCase(unique("Zero-tariff equipment."));
      await arrivedWith(specialist.chat, ref);
      const message = unique("Please call me tomorrow morning.");
      await injectFault({ method: "ai:run", kind });
      const started = Date.now();
      await investorMessage(investor, ref, message);
      const [relayed] = await arrivedWith(specialist.chat, message);
      expect(Date.now() - started).toBeLessThan(TRANSLATION_WAIT_MS + 8_000);
      expect(relayed).toContain(message);
      expect(relayed).toContain(NOTE_ZH);
      expect(relayed).not.toContain("[en→zh]");
      expect(relayed).not.toContain(TRANSLATION_SLOT);
      // Nothing stored that a later message would take for a translation.
      expect(await aiCalls(message)).toHaveLength(1);
    });
  }

  it("translates each text once: the same words again are a cache hit, the cache row tied to their author and erased with them", async () => {
    const { specialist, investor, ref } = await englishCase(unique("Customs clearance."));
    await arrivedWith(specialist.chat, ref);
    const message = unique("We are still waiting for the customs.");
    await investorMessage(investor, ref, message);
    await arrivedWith(specialist.chat, message);
    await investorMessage(investor, ref, message);
    const both = await arrivedWith(specialist.chat, message, 2);
    for (const text of both) expect(text).toContain(`[en→zh] ${message}`);
    expect(await aiCalls(message)).toHaveLength(1);
    const cached = await rows<{ about_telegram_id: number }>("SELECT about_telegram_id FROM translations WHERE translated_text = ?", [`[en→zh] ${message}`]);
    expect(cached).toEqual([{ about_telegram_id: investor.userId }]);
    // The translation of their words is theirs: /deleteme takes it with the rest.
    await investor.send("/deleteme");
    expect((await investor.tap("Erase")).join()).toContain("Your personal information was erased");
    expect(await rows("SELECT 1 FROM translations WHERE about_telegram_id = ?", [investor.userId])).toEqual([]);
  });

  it("costs the webhook nothing: the update filing an English case still takes 2 round trips (its slot is filled by the sender)", async () => {
    const specialist = await joinedSpecialist();
    const { chat: investor, uscc } = await registeredInvestor("en", undefined, undefined, true);
    expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
    await investor.send("/appointment");
    await investor.tap("Commerce department");
    await investor.send(unique("Import of equipment."));
    await investor.tap("Skip");
    await investor.send("Jane Doe, general manager");
    await investor.tap("✔ Submit");
    expect(investor.roundTrips.at(-1)).toBeLessThanOrEqual(2);
    const [row] = await rows<{ payload: string }>(
      "SELECT o.payload FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.created_by = ? AND o.chat_id = ? ORDER BY o.id LIMIT 1",
      [investor.userId, specialist.chat.userId],
    );
    // Sent: the row keeps no text (the slot was filled or left out when it went).
    expect(row?.payload).toBe("{}");
  });

  it("the case page shows each free text across the line with its labelled translation, made once and kept; none without a translator", async () => {
    const topic = unique("Import of equipment under the zero-tariff policy.");
    const { specialist, investor, ref } = await englishCase(topic);
    await arrivedWith(specialist.chat, ref);
    const reply = unique("请提供设备清单，我们将在三个工作日内答复。");
    await specialist.chat.tap("💬 回复企业");
    await specialist.chat.send(reply);
    await specialist.chat.tap("✔ 提交");
    await arrivedWith(investor, reply);
    const cookie = await signIn(specialist.chat);
    const pageOf = async (query: string, settings?: Record<string, string>) => (await get(`/web/cases/${ref}${query}`, cookie, settings)).text();

    // In Chinese: the firm's English topic, then the label, then the translation; the Chinese reply as written.
    const zh = await pageOf("?lang=zh", AI);
    expect(zh).toMatch(new RegExp(`${topic}<div class="mt"><i>${LABEL_ZH}</i>\\s*\\[en→zh\\] ${topic}</div>`));
    expect(zh).not.toContain(`[zh→en] ${reply}`);
    expect(await aiCalls(topic)).toHaveLength(1);
    // Shown again: from the cache, the translator not asked again; tied to the investor whose words they are.
    expect(await pageOf("?lang=zh", AI)).toContain(`[en→zh] ${topic}`);
    expect(await aiCalls(topic)).toHaveLength(1);
    expect(await rows("SELECT about_telegram_id FROM translations WHERE translated_text = ?", [`[en→zh] ${topic}`])).toEqual([{ about_telegram_id: investor.userId }]);

    // In English: the specialist's Chinese reply in the ledger, translated; the English topic as written.
    const en = await pageOf("?lang=en", AI);
    expect(en).toMatch(new RegExp(`${reply}<div class="mt"><i>${LABEL_EN.replace(/[()]/g, "\\$&")}</i>\\s*\\[zh→en\\] ${reply}</div>`));
    expect(en).not.toContain(`[en→zh] ${topic}`);

    // No translator: originals only, nothing asked.
    const plain = await pageOf("?lang=en");
    expect(plain).toContain(reply);
    expect(plain).not.toContain("Machine translation");
    expect((await aiCalls(reply)).filter((c) => c.payload.target_lang === "en")).toHaveLength(1);
  });

  it("leaves the slot out when no translator is configured", async () => {
    const { specialist, investor, ref } = await englishCase(unique("Tariff question."));
    await arrivedWith(specialist.chat, ref);
    investor.settings = {};
    const message = unique("No translator for this one.");
    await investorMessage(investor, ref, message);
    const [relayed] = await arrivedWith(specialist.chat, message);
    expect(relayed).not.toContain(TRANSLATION_SLOT);
    expect(relayed).not.toContain("机器翻译");
    expect(await aiCalls(message)).toHaveLength(0);
  });
});
