// A person chatting with the bot through the real webhook: typing, tapping the buttons the bot
// last showed, and reading what the bot said (from the fake Telegram API's record).
import type { Update } from "grammy/types";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { releaseKeptReplies } from "../../../db/queries/kept-replies.ts";
import { handleUpdate } from "../../../workers/handle-update.ts";
import { settingsOf } from "../../../lib/settings.ts";
import { AFTER_UPDATE, drainNow } from "../../../workers/outbox/drain.ts";
import { callsTo, deliver, textUpdate, uniqueId, type RecordedCall } from "./telegram.ts";

interface Button {
  text: string;
  callback_data?: string;
}

/**
 * What the next tick would send: the test files share one outbox, so a webhook's own drain (the 20
 * oldest due rows) may not reach a test's rows while other files' rows wait ahead of them.
 */
export async function drainShared(): Promise<void> {
  await drainNow(settingsOf(env), Date.now, { ...AFTER_UPDATE, limit: 500 });
}

export class Chat {
  readonly userId = uniqueId();
  #seen = 0;

  readonly languageCode: string;
  /** DB round trips of each update, when posted through handleUpdate directly (see `direct`). */
  readonly roundTrips: number[] = [];
  readonly direct: boolean;
  /** The update's "now" in direct mode: a test may act at a chosen past instant, as the cron does. */
  clock: () => number;
  /** Settings this chat's updates replace (e.g. AI_FAKE_URL: the drain after them translates). */
  settings: Record<string, string> = {};

  constructor(languageCode = "en", options: { direct?: boolean; clock?: () => number } = {}) {
    this.languageCode = languageCode;
    this.direct = options.direct ?? false;
    this.clock = options.clock ?? Date.now;
  }

  async messages(): Promise<RecordedCall[]> {
    return (await callsTo(this.userId)).filter((c) => c.method === "sendMessage" && c.status === 200);
  }

  /** Texts the bot sent since the last call of `said` (or `send`/`tap`). */
  async said(): Promise<string[]> {
    const all = await this.messages();
    const fresh = all.slice(this.#seen).map((c) => String(c.payload.text));
    this.#seen = all.length;
    return fresh;
  }

  async post(update: Update): Promise<Response> {
    if (this.direct) {
      // The same path as the webhook, minus HTTP, to read the update's own round-trip count.
      const report = await handleUpdate(update, settingsOf(env), this.clock());
      this.roundTrips.push(report.roundTrips);
      // What the webhook's route leaves to waitUntil, after the response: the rows its commit claimed are sent
      // (no claim would take them while leased), then whatever else is due.
      if (report.keptReplies) await releaseKeptReplies(settingsOf(env), [update.update_id]);
      if (report.claimed.length) await drainNow(settingsOf(env), Date.now, { ...AFTER_UPDATE, claimed: report.claimed });
      if (report.enqueued) await drainShared();
      return new Response(JSON.stringify(report));
    }
    const response = await deliver(update, undefined, this.settings);
    expect(response.status, `webhook answered ${response.status}`).toBe(200);
    return response;
  }

  async send(text: string): Promise<string[]> {
    await this.said();
    await this.post(textUpdate(this.userId, text, { languageCode: this.languageCode }));
    return this.said();
  }

  /** Taps the button labelled `label` (exactly, or containing it) on the latest message that shows it. */
  async tap(label: string): Promise<string[]> {
    await this.said();
    const data = await this.buttonData(label);
    await this.post(this.callback(data));
    return this.said();
  }

  async buttonData(label: string): Promise<string> {
    const all = await this.messages();
    for (const call of [...all].reverse()) {
      const markup = call.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
      const button = markup?.inline_keyboard?.flat().find((b) => b.text === label) ?? markup?.inline_keyboard?.flat().find((b) => b.text.includes(label));
      if (button?.callback_data) return button.callback_data;
    }
    throw new Error(`no button "${label}" in the chat`);
  }

  callback(data: string): Update {
    return {
      update_id: uniqueId(),
      callback_query: {
        id: String(uniqueId()),
        from: { id: this.userId, is_bot: false, first_name: "Tester", language_code: this.languageCode },
        chat_instance: "ci",
        data,
        message: { message_id: 1, date: 0, chat: { id: this.userId, type: "private", first_name: "Tester" }, text: "…" },
      },
    } as Update;
  }
}
