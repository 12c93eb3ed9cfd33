import { describe, expect, it } from "vitest";
import { Pacer, TELEGRAM_PACE } from "../../workers/outbox/pacer.ts";

/** A pacer after `sent` messages, each [chat, at]. */
function after(sent: [number, number][]): Pacer {
  const pacer = new Pacer();
  for (const [chat, at] of sent) pacer.record(chat, at);
  return pacer;
}

const toDistinctChats = (count: number, at: number): [number, number][] => Array.from({ length: count }, (_, i) => [1000 + i, at]);

describe("Pacer: Telegram's limits with a 50 ms guard", () => {
  it.each([
    ["nothing sent yet", [], 7, 0, 0],
    ["a private chat, 0.5 s after its last message", [[7, 0]], 7, 500, 550],
    ["a private chat, 1.05 s after", [[7, 0]], 7, 1050, 0],
    ["another private chat at once", [[7, 0]], 8, 0, 0],
    ["the 26th message within a second, overall", toDistinctChats(TELEGRAM_PACE.globalPerSecond, 0), 7, 200, 850],
    ["24 sent in the last second: one more may go", toDistinctChats(TELEGRAM_PACE.globalPerSecond - 1, 0), 7, 200, 0],
    ["a group's 21st message within a minute", Array.from({ length: 20 }, (_, i) => [-100, i * 1000]), -100, 30_000, 30_050],
    ["a group after its oldest message left the minute", Array.from({ length: 20 }, (_, i) => [-100, i * 1000]), -100, 60_051, 0],
  ] as [string, [number, number][], number, number, number][])("%s", (_label, sent, chat, now, wait) => {
    expect(after(sent).waitFor(chat, now)).toBe(wait);
  });
});
