// Telegram: the Bot API method and payload stored in the row (Telegram HTML), paced by Pacer
// (30/s, 1/s per chat, 20/min per group). A group upgraded to a supergroup is followed at once.
import { GrammyError, type Api } from "grammy";
import type { OutboxRow } from "../claim.ts";
import { Pacer } from "../pacer.ts";
import type { Channel } from "./channel.ts";

export class TelegramChannel implements Channel {
  /** Group chats found upgraded to supergroups in this drain (old id → new id). */
  readonly moved = new Map<number, number>();
  readonly #api: Api;
  readonly #pacer: Pacer;

  constructor(api: Api, pacer: Pacer = new Pacer()) {
    this.#api = api;
    this.#pacer = pacer;
  }

  waitFor(row: OutboxRow, clock: number): number {
    return this.#pacer.waitFor(this.moved.get(row.chatId) ?? row.chatId, clock);
  }

  async send(row: OutboxRow, clock: number): Promise<void> {
    const send = (chatId: number) => {
      this.#pacer.record(chatId, clock);
      return this.#api.raw[row.method as "sendMessage"]({ ...(row.payload as object), chat_id: chatId } as never);
    };
    try {
      await send(this.moved.get(row.chatId) ?? row.chatId);
    } catch (error) {
      // "Group chat was upgraded to a supergroup chat": the same message, to the new chat.
      const to = error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
      if (to === undefined) throw error;
      this.moved.set(row.chatId, to);
      await send(to);
    }
  }
}
