// PIPL: nothing personal is stored before the privacy notice is accepted. Every path that would store
// something (registration, forms, files, contacts, messages on a case, feedback) refuses in both
// languages and offers the notice again, whatever state the person is in.
import { describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { Chat } from "./support/chat.ts";
import { randomUscc } from "./support/data.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";

const fileUpdate = (chat: Chat, kind: "document" | "contact"): Update =>
  ({
    update_id: Date.now() * 10 + Math.floor(Math.random() * 10),
    message: {
      message_id: 9,
      date: 0,
      chat: { id: chat.userId, type: "private", first_name: "T" },
      from: { id: chat.userId, is_bot: false, first_name: "T" },
      ...(kind === "document"
        ? { document: { file_id: "DOC-C", file_unique_id: `c-${chat.userId}`, file_name: "passport.pdf", mime_type: "application/pdf", file_size: 100 } }
        : { contact: { phone_number: "+8613900000000", first_name: "Li", user_id: chat.userId } }),
    },
  }) as never;

/** What is stored about the person, beyond their Telegram id and chosen language. */
async function storedAbout(telegramId: number) {
  const [user] = await rows<{ chat_id: number | null; display_name: string | null; phone: string | null; privacy_accepted_at: number | null }>(
    "SELECT chat_id, display_name, phone, privacy_accepted_at FROM users WHERE telegram_id = ?",
    [telegramId],
  );
  return {
    user,
    sessions: await rows("SELECT state FROM sessions WHERE telegram_id = ? AND state IS NOT NULL", [telegramId]),
    attachments: await rows("SELECT 1 FROM attachments WHERE telegram_id = ?", [telegramId]),
    members: await rows("SELECT status FROM firm_members WHERE telegram_id = ?", [telegramId]),
    events: await rows("SELECT type FROM case_events WHERE actor_type = 'investor' AND actor_id = ?", [String(telegramId)]),
  };
}

const NOTHING = { user: { chat_id: null, display_name: null, phone: null, privacy_accepted_at: null }, sessions: [], attachments: [], members: [], events: [] };

/** The refusal: both languages, and the notice offered with its buttons. */
async function expectRefused(chat: Chat, said: string[]) {
  const text = said.join("\n");
  expect(text).toContain("Please read and accept the notice on personal information first");
  expect(text).toContain("请先阅读并同意个人信息处理告知");
  expect(await chat.buttonData("Agree and continue")).toBe("privacy:accept");
}

describe("consent before personal data (PIPL)", () => {
  it("refuses /register, form answers, files and contacts before the notice is accepted; nothing stored", async () => {
    const chat = new Chat("en");
    await chat.send("/start");
    await chat.tap("English");
    await chat.tap("Decline");
    await expectRefused(chat, await chat.send("/register"));
    await expectRefused(chat, await chat.send(randomUscc()));
    await chat.post(fileUpdate(chat, "document"));
    await expectRefused(chat, await chat.said());
    await chat.post(fileUpdate(chat, "contact"));
    await expectRefused(chat, await chat.said());
    await expectRefused(chat, await chat.send("/appointment"));
    expect(await storedAbout(chat.userId)).toEqual(NOTHING);
    // Accepting opens the way at once.
    expect((await chat.tap("Agree and continue")).join()).toMatch(/register your firm/);
  });

  it("refuses a form already under way (e.g. from before the notice was required): its answers and its submit", async () => {
    const chat = new Chat("en");
    await chat.send("/start");
    const form = { form: "firm", path: ["uscc", "name_zh", "name_en", "area", "industry", "foreign_invested", "investor_country"], at: "contact_name",
      draft: { uscc: randomUscc(), name_en: "Legacy Ltd", area: "haikou", industry: "trade", foreign_invested: "no" } };
    await rows("INSERT INTO sessions (telegram_id, state, version, expires_at, updated_at) VALUES (?, ?, 1, ?, ?)", [
      chat.userId, JSON.stringify({ flow: "form", form }), Date.now() + 3_600_000, Date.now(),
    ]);
    await expectRefused(chat, await chat.send("Jane Doe"));
    await chat.post(chat.callback("form:ok:firm"));
    await expectRefused(chat, await chat.said());
    const stored = await storedAbout(chat.userId);
    expect(stored.user).toEqual(NOTHING.user);
    expect(JSON.stringify(stored.sessions)).not.toContain("Jane Doe");
    expect(await rows("SELECT 1 FROM firms WHERE uscc = ?", [form.draft.uscc])).toEqual([]);
  });

  it("refuses messages, files and feedback on a case from a member who never accepted (registered before the notice was required)", async () => {
    const { chat } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(chat);
    await rows("UPDATE users SET privacy_accepted_at = NULL WHERE telegram_id = ?", [chat.userId]);
    const before = await rows("SELECT type FROM case_events WHERE case_id = ?", [filed.id]);
    await chat.post(chat.callback(`case:m:${filed.id}`));
    await expectRefused(chat, await chat.said());
    await chat.post(chat.callback(`fb:unsatisfied:${filed.id}`));
    await chat.post(fileUpdate(chat, "document"));
    await expectRefused(chat, await chat.said());
    expect(await rows("SELECT type FROM case_events WHERE case_id = ?", [filed.id])).toEqual(before);
    expect(await rows("SELECT 1 FROM attachments WHERE telegram_id = ?", [chat.userId])).toEqual([]);
  });

  it("still lets a person choose a language, read /help and /privacy, and erase, without accepting", async () => {
    const chat = new Chat("en");
    await chat.send("/start");
    expect((await chat.tap("English")).join()).toMatch(/How we handle your personal information/);
    expect((await chat.send("/help")).join()).toContain("/appointment");
    // The main menu's buttons (a keyboard from before, say): help passes, filing is refused.
    await chat.post(chat.callback("menu:help"));
    expect((await chat.said()).join()).toContain("/appointment");
    await chat.post(chat.callback("menu:appointment"));
    await expectRefused(chat, await chat.said());
    expect((await chat.send("/privacy")).join()).toContain("What we keep about you");
    await chat.send("/deleteme");
    expect((await chat.tap("Erase")).join()).toContain("Your personal information was erased");
  });
});
