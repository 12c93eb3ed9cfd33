// The drain's sending order, with a fake Bot API and a fake clock: each chat in id order, the next
// message from whichever chat may be sent soonest, retries holding back their chat, supergroups followed.
import { GrammyError, type Api } from "grammy";
import { describe, expect, it } from "vitest";
import type { OutboxRow } from "../../workers/outbox/claim.ts";
import { sendClaimed, type DrainOptions } from "../../workers/outbox/sender.ts";
import { PortalChannel } from "../../workers/outbox/channels/portal.ts";
import { RobotChannel } from "../../workers/outbox/channels/robots.ts";
import { TelegramChannel } from "../../workers/outbox/channels/telegram.ts";

const row = (id: number, chatId: number): OutboxRow => ({
  id,
  dedupeKey: `k${id}`,
  chatId,
  channel: "telegram",
  chatKind: chatId < 0 ? "group" : "private",
  method: "sendMessage",
  payload: { text: `m${id}` },
  caseId: null,
  aboutTelegramId: null,
  status: "pending",
  attempts: 1,
  nextAttemptAt: 0,
  leaseUntil: null,
  lastError: null,
  createdAt: 0,
  sentAt: null,
  deadAt: null,
});

const refusal = (code: number, description: string, parameters = {}) =>
  new GrammyError("refused", { ok: false, error_code: code, description, parameters }, "sendMessage", {});

/** A Bot API that records [chat, text] and answers with `fail(chat, text)`'s error, if any; and a clock that sleeping advances. */
function fakes(fail: (chat: number, text: string) => GrammyError | undefined = () => undefined) {
  let time = 0;
  const sent: [number, string][] = [];
  const api = {
    raw: {
      sendMessage: async (p: { chat_id: number; text: string }) => {
        sent.push([p.chat_id, p.text]);
        const error = fail(p.chat_id, p.text);
        if (error) throw error;
        return {};
      },
    },
  } as unknown as Api;
  return { api, sent, clock: () => time, sleep: async (ms: number) => void (time += ms) };
}

/** The drain's sending with Telegram as its only live channel; the groups it found upgraded. */
async function send(api: Api, rows: OutboxRow[], options: DrainOptions, clock: () => number) {
  const telegram = new TelegramChannel(api);
  const robots = new RobotChannel({ key: undefined, dingtalkRoot: "", wecomRoot: "", timeoutMs: 1 }, new Map());
  const outcomes = await sendClaimed({ telegram, portal: new PortalChannel(undefined), dingtalk: robots, wecom: robots }, rows, options, clock, 0);
  return { outcomes, moved: telegram.moved };
}

describe("sendClaimed", () => {
  it("sends another chat's message while one chat waits for its pace, each chat in order", async () => {
    const { api, sent, clock, sleep } = fakes();
    const { outcomes } = await send(api, [row(1, 7), row(2, 7), row(3, 7), row(4, 8)], { limit: 10, budgetMs: 20_000, sleep }, clock);
    expect(sent).toEqual([[7, "m1"], [8, "m4"], [7, "m2"], [7, "m3"]]);
    expect(outcomes.every((o) => o.result === "sent")).toBe(true);
    expect(clock()).toBe(2 * 1050);
  });

  it("a message to be retried holds back its chat's later ones; a dead letter does not", async () => {
    const { api, sent, clock, sleep } = fakes((chat, text) => (text === "m1" ? refusal(500, "Internal Server Error") : text === "m4" ? refusal(400, "Bad Request: chat not found") : undefined));
    const { outcomes } = await send(api, [row(1, 7), row(2, 7), row(3, 8), row(4, 9), row(5, 9)], { limit: 10, budgetMs: 20_000, sleep }, clock);
    expect(sent).toEqual([[7, "m1"], [8, "m3"], [9, "m4"], [9, "m5"]]);
    expect(Object.fromEntries(outcomes.map((o) => [o.id, o.result]))).toEqual({ 1: "retry", 2: "released", 3: "sent", 4: "dead", 5: "sent" });
  });

  it("releases what cannot start within the budget", async () => {
    const { api, sent, clock, sleep } = fakes();
    const { outcomes } = await send(api, [row(1, 7), row(2, 7), row(3, 7)], { limit: 10, budgetMs: 1_500, sleep }, clock);
    expect(sent.map(([, text]) => text)).toEqual(["m1", "m2"]);
    expect(outcomes.find((o) => o.id === 3)!.result).toBe("released");
  });

  it("follows a group upgraded to a supergroup, for this message and the chat's next ones", async () => {
    const { api, sent, clock, sleep } = fakes((chat) => (chat === -5 ? refusal(400, "Bad Request: group chat was upgraded to a supergroup chat", { migrate_to_chat_id: -1005 }) : undefined));
    const { outcomes, moved } = await send(api, [row(1, -5), row(2, -5)], { limit: 10, budgetMs: 20_000, sleep }, clock);
    expect(sent).toEqual([[-5, "m1"], [-1005, "m1"], [-1005, "m2"]]);
    expect(outcomes.map((o) => o.result)).toEqual(["sent", "sent"]);
    expect([...moved]).toEqual([[-5, -1005]]);
  });
});
