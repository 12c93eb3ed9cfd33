// A person marked unreachable after a 403 (they blocked the bot) hears from the bot again once
// they are back: any message of theirs (/start, which Telegram sends when they unblock it) or
// Telegram's my_chat_member update saying the bot is a member of the chat again.
import { describe, expect, it } from "vitest";
import { admin, joinedSpecialist } from "./support/admin.ts";
import type { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";
import { botMemberUpdate, injectFault } from "./support/telegram.ts";

const unreachableAt = async (chat: Chat) => (await rows<{ u: number | null }>("SELECT unreachable_at AS u FROM users WHERE telegram_id = ?", [chat.userId]))[0]!.u;
const told = (chat: Chat, pattern: RegExp) => async () => (await chat.messages()).some((m) => pattern.test(String(m.payload.text)));

/** An investor whose case's status update met a 403: marked unreachable. */
async function blockedInvestor() {
  const specialist = await joinedSpecialist();
  const { chat: investor, uscc } = await registeredInvestor("en", undefined, undefined, true);
  expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
  const { ref } = await filePolicyQuestion(investor);
  await expect.poll(told(specialist.chat, new RegExp(ref))).toBe(true);
  await injectFault({ chatId: investor.userId, method: "sendMessage", kind: "403" });
  await specialist.chat.tap("✅ 确认受理");
  await expect.poll(() => unreachableAt(investor)).not.toBeNull();
  return { specialist, investor };
}

/** The specialist replies; the firm hears of it only if it is reachable. */
async function reply(specialist: Awaited<ReturnType<typeof joinedSpecialist>>, text: string) {
  await specialist.chat.tap("💬 回复企业");
  await specialist.chat.send(text);
  await specialist.chat.tap("✔ 提交");
}

describe("reachable again", () => {
  it("after /start: status updates reach the person again; the update takes at most 2 round trips", async () => {
    const { specialist, investor } = await blockedInvestor();
    await investor.send("/start");
    expect(investor.roundTrips.at(-1)).toBeLessThanOrEqual(2);
    expect(await unreachableAt(investor)).toBeNull();
    await reply(specialist, "海关已同意先行放行。");
    await expect.poll(told(investor, /海关已同意先行放行/)).toBe(true);
  });

  it("after unblocking the bot (my_chat_member: member), with no reply and at most 2 round trips", async () => {
    const { specialist, investor } = await blockedInvestor();
    const before = (await investor.messages()).length;
    await investor.post(botMemberUpdate(investor.userId, "kicked", "member"));
    expect(investor.roundTrips.at(-1)).toBeLessThanOrEqual(2);
    expect(await unreachableAt(investor)).toBeNull();
    expect((await investor.messages()).length).toBe(before);
    await reply(specialist, "请携带报关单原件到海关。");
    await expect.poll(told(investor, /请携带报关单原件到海关/)).toBe(true);
  });

  it("a person who blocks the bot again is not marked reachable by that update", async () => {
    const { investor } = await blockedInvestor();
    await investor.post(botMemberUpdate(investor.userId, "member", "kicked"));
    expect(await unreachableAt(investor)).not.toBeNull();
  });
});
