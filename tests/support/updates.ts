// Real Telegram Update JSON, as Telegram sends it to the webhook: for the tests inside workerd
// (tests/worker/support/telegram.ts) and for the e2e tests that post over HTTP (e2e-bot.ts).
import type { Update } from "grammy/types";

let seq = 0;
/** Ids unique across parallel test files: the DB and the fake API are shared. */
export function uniqueId(): number {
  return 1_000_000_000 + Math.floor(Math.random() * 900_000_000) + (seq++ % 1000);
}

const person = (userId: number, languageCode: string) => ({ id: userId, is_bot: false, first_name: "Tester", language_code: languageCode });
const privateChat = (userId: number) => ({ id: userId, type: "private" as const, first_name: "Tester" });

export function textUpdate(userId: number, text: string, extra: { languageCode?: string } = {}): Update {
  const isCommand = text.startsWith("/");
  return {
    update_id: uniqueId(),
    message: {
      message_id: seq++,
      date: Math.floor(Date.now() / 1000),
      chat: privateChat(userId),
      from: person(userId, extra.languageCode ?? "en"),
      text,
      ...(isCommand ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
    },
  } as Update;
}

export function callbackUpdate(userId: number, data: string, messageId = 1, extra: { languageCode?: string } = {}): Update {
  return {
    update_id: uniqueId(),
    callback_query: {
      id: String(uniqueId()),
      from: person(userId, extra.languageCode ?? "en"),
      chat_instance: "ci-1",
      data,
      message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: privateChat(userId), from: { id: 7000000001, is_bot: true, first_name: "Desk" }, text: "…" },
    },
  } as Update;
}

/** The bot blocked ("kicked") or unblocked ("member") in a private chat, as Telegram reports it. */
export function botMemberUpdate(userId: number, from: "member" | "kicked", to: "member" | "kicked"): Update {
  const bot = { id: 7000000001, is_bot: true, first_name: "Desk" };
  const member = (status: "member" | "kicked") => (status === "kicked" ? { status, user: bot, until_date: 0 } : { status, user: bot });
  return {
    update_id: uniqueId(),
    my_chat_member: {
      chat: privateChat(userId),
      from: person(userId, "en"),
      date: Math.floor(Date.now() / 1000),
      old_chat_member: member(from),
      new_chat_member: member(to),
    },
  } as Update;
}
