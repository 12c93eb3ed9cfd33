// A burst of 10,000 updates from 500 chats, with every tenth delivered twice at once, driven as
// Telegram drives a webhook: in order within a chat, many chats at a time, 503 redelivered.
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { rows } from "../worker/support/db.ts";
import { textUpdate, type RecordedCall } from "../worker/support/telegram.ts";
import { post } from "./support.ts";

const CHATS = 500;
const PER_CHAT = 20;
const AT_ONCE = 50;

/** What each chat says, in order: /start, then help and free text in turn. */
const script = Array.from({ length: PER_CHAT }, (_, i) => (i === 0 ? "/start" : i % 2 ? "/help" : `hello ${i}`));

/** Telegram redelivers an update answered with an error for hours, backing off; here for up to a minute. */
async function deliverUntilAccepted(update: unknown, stats: { retries: number }) {
  const until = Date.now() + 60_000;
  for (let attempt = 0; Date.now() < until; attempt++) {
    const response = await post(update);
    if (response.status === 200) return;
    expect(response.status).toBe(503);
    stats.retries += 1;
    await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** attempt, 2_000)));
  }
  throw new Error("an update was never accepted");
}

async function repliesByChat(): Promise<Map<number, string[]>> {
  const response = await fetch(`${env.TELEGRAM_API_ROOT}/__control/calls?method=sendMessage`);
  const byChat = new Map<number, string[]>();
  for (const call of (await response.json()) as RecordedCall[]) {
    if (call.status !== 200) continue;
    const chat = Number(call.payload.chat_id);
    byChat.set(chat, [...(byChat.get(chat) ?? []), String(call.payload.text)]);
  }
  return byChat;
}

it("10,000 updates from 500 chats: each stored once, each answered once, in order within each chat", { timeout: 600_000 }, async () => {
  const firstChat = 3_000_000_000 + Math.floor(Math.random() * 1_000_000) * 1_000;
  const firstUpdate = 4_000_000_000 + Math.floor(Math.random() * 1_000_000) * 100_000;
  const chats = Array.from({ length: CHATS + 1 }, (_, i) => firstChat + i);
  const updateOf = (chatIndex: number, step: number) => ({ ...textUpdate(chats[chatIndex]!, script[step]!), update_id: firstUpdate + chatIndex * PER_CHAT + step });

  // One chat alone first: what every chat of the burst should see.
  const reference = CHATS;
  for (let step = 0; step < PER_CHAT; step++) expect((await post(updateOf(reference, step))).status).toBe(200);

  const stats = { retries: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      while (next < CHATS) {
        const chatIndex = next++;
        for (let step = 0; step < PER_CHAT; step++) {
          const update = updateOf(chatIndex, step);
          // Every tenth update comes twice at once, as a redelivery racing the original.
          const copies = (chatIndex * PER_CHAT + step) % 10 === 0 ? 2 : 1;
          await Promise.all(Array.from({ length: copies }, () => deliverUntilAccepted(update, stats)));
        }
      }
    }),
  );

  const [stored] = await rows<{ n: number }>("SELECT count(*) AS n FROM processed_updates WHERE update_id >= ? AND update_id < ?", [firstUpdate, firstUpdate + CHATS * PER_CHAT]);
  expect(stored!.n).toBe(CHATS * PER_CHAT);
  const [users] = await rows<{ n: number }>("SELECT count(*) AS n FROM users WHERE telegram_id >= ? AND telegram_id < ?", [firstChat, firstChat + CHATS]);
  expect(users!.n).toBe(CHATS);

  const replies = await repliesByChat();
  const expected = replies.get(chats[reference]!)!;
  expect(expected).toHaveLength(PER_CHAT);
  const wrong = chats.slice(0, CHATS).filter((chat) => JSON.stringify(replies.get(chat)) !== JSON.stringify(expected));
  expect(wrong).toEqual([]);
  console.info(JSON.stringify({ event: "burst_done", updates: CHATS * PER_CHAT, redeliveries_503: stats.retries }));
});
