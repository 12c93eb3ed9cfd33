// Cloudflare's limits the outbox must respect: work in waitUntil is cancelled 30 s after the
// response, and a Queue's sendBatch takes at most 100 messages.
import { describe, expect, it } from "vitest";
import type { Settings } from "../../lib/settings.ts";
import { drainAfterUpdate, WAIT_UNTIL_MS, type DrainSchedule } from "../../workers/outbox/drain.ts";
import { batchesOf, handOver, SEND_BATCH_MAX, type OutboxBatch } from "../../workers/outbox/queue.ts";
import type { OutboxRow } from "../../workers/outbox/claim.ts";

describe("the drain after an update stays inside waitUntil's 30 s", () => {
  it.each([2_000, 10_000, 20_000])("with a Bot API timeout of %i ms, however often more is asked for", async (timeout) => {
    let now = 1_000_000;
    const start = now;
    const budgets: number[] = [];
    const schedule: DrainSchedule = {
      clock: () => now,
      sendTimeoutMs: timeout,
      round: async (budgetMs) => {
        budgets.push(budgetMs);
        // The worst round: the claim, a send started at the very end of the budget that runs into
        // the timeout, and the record, 300 ms each way; meanwhile another update asks for more.
        now += 300 + budgetMs + timeout + 300;
        await drainAfterUpdate({} as Settings, () => now, schedule);
        return true;
      },
      release: async () => {},
    };
    await drainAfterUpdate({} as Settings, () => now, schedule);
    expect(now - start).toBeLessThanOrEqual(WAIT_UNTIL_MS);
    // It used what it had: rounds ran until too little was left for one more send.
    expect(budgets.length).toBeGreaterThan(0);
    expect(start + WAIT_UNTIL_MS - now).toBeLessThan(timeout + 5_000 + 600 + 5_000);
  });

  it("a second drain asked for while one runs only asks it to go round again", async () => {
    let now = 5_000_000;
    let running = 0;
    let most = 0;
    let rounds = 0;
    const schedule: DrainSchedule = {
      clock: () => now,
      sendTimeoutMs: 10_000,
      round: async () => {
        running += 1;
        most = Math.max(most, running);
        rounds += 1;
        if (rounds < 3) await drainAfterUpdate({} as Settings, () => now, schedule);
        now += 1_000;
        running -= 1;
        return false;
      },
      release: async () => {},
    };
    await drainAfterUpdate({} as Settings, () => now, schedule);
    expect([rounds, most]).toEqual([3, 1]);
  });

  it("a round that sent a full claim goes round again, with nothing else asking: a notice to a whole department is not left for the next tick", async () => {
    let now = 9_000_000;
    let due = 47;
    const claims: number[] = [];
    const schedule: DrainSchedule = {
      clock: () => now,
      sendTimeoutMs: 10_000,
      round: async () => {
        const claimed = Math.min(20, due);
        claims.push(claimed);
        due -= claimed;
        now += 1_000;
        return claimed === 20;
      },
      release: async () => {},
    };
    await drainAfterUpdate({} as Settings, () => now, schedule);
    expect(claims).toEqual([20, 20, 7]);
  });
});

describe("the replies an update sent are let go by its drain's claim, not by a round trip of their own", () => {
  it("the first round's claim takes the update's; one that asks while the drain runs goes with the next round; none twice", async () => {
    let now = 12_000_000;
    const taken: number[][] = [];
    const alone: number[][] = [];
    const schedule: DrainSchedule = {
      clock: () => now,
      sendTimeoutMs: 10_000,
      round: async (_budget, sentRepliesOf) => {
        taken.push(sentRepliesOf);
        if (taken.length === 1) {
          await drainAfterUpdate({} as Settings, () => now, schedule, 502);
          await drainAfterUpdate({} as Settings, () => now, schedule, 503);
        }
        now += 1_000;
        return false;
      },
      release: async (ids) => void alone.push(ids),
    };
    await drainAfterUpdate({} as Settings, () => now, schedule, 501);
    expect(taken).toEqual([[501], [502, 503]]);
    expect(alone).toEqual([]);
  });

  it("the rows an update's commit claimed go to the next round to send (no claim of its own), each once", async () => {
    let now = 13_000_000;
    const given: number[][] = [];
    const row = (id: number) => ({ id }) as OutboxRow;
    const schedule: DrainSchedule = {
      clock: () => now,
      sendTimeoutMs: 10_000,
      round: async (_budget, _replies, claimed) => {
        given.push(claimed.map((r) => r.id));
        if (given.length === 1) await drainAfterUpdate({} as Settings, () => now, schedule, undefined, [row(3)]);
        now += 1_000;
        return false;
      },
      release: async () => {},
    };
    await drainAfterUpdate({} as Settings, () => now, schedule, undefined, [row(1), row(2)]);
    expect(given).toEqual([[1, 2], [3]]);
  });

  it("when the time is up before a round could take them, they are let go on their own", async () => {
    let now = 15_000_000;
    const taken: number[][] = [];
    const alone: number[][] = [];
    const schedule: DrainSchedule = {
      clock: () => now,
      sendTimeoutMs: 10_000,
      round: async (budgetMs, sentRepliesOf) => {
        taken.push(sentRepliesOf);
        // This round uses up the waitUntil budget; meanwhile another update sent replies and asked for a drain.
        now += budgetMs + 10_000;
        await drainAfterUpdate({} as Settings, () => now, schedule, 602);
        return false;
      },
      release: async (ids) => void alone.push(ids),
    };
    await drainAfterUpdate({} as Settings, () => now, schedule, 601);
    expect(taken.flat()).toContain(601);
    expect(taken.flat()).not.toContain(602);
    expect(alone).toEqual([[602]]);
  });

  it("rows a commit claimed that no round took before the time was up are not sent by a later drain (their lease may have run out and a tick sent them)", async () => {
    let now = 17_000_000;
    const given: number[][] = [];
    const row = (id: number) => ({ id }) as OutboxRow;
    const schedule: DrainSchedule = {
      clock: () => now,
      sendTimeoutMs: 10_000,
      round: async (budgetMs, _replies, claimed) => {
        given.push(claimed.map((r) => r.id));
        if (given.length === 1) {
          // This round uses up the waitUntil budget; meanwhile another update's commit claimed row 8.
          now += budgetMs + 10_000;
          await drainAfterUpdate({} as Settings, () => now, schedule, undefined, [row(8)]);
        }
        return false;
      },
      release: async () => {},
    };
    await drainAfterUpdate({} as Settings, () => now, schedule, undefined, [row(7)]);
    now += 120_000;
    await drainAfterUpdate({} as Settings, () => now, schedule);
    expect(given).toEqual([[7], []]);
  });
});

describe("the tick hands claimed rows to the Queue in calls of at most 100 messages", () => {
  it("2,000 rows of 160 chats: more than 100 messages, sent 100 at a time, in order, one chat's rows in one message", async () => {
    // As claimed (by due time): the chats' rows interleaved, 12 or 13 per chat.
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i + 1, chatId: 10_000 + (i % 160) })) as OutboxRow[];
    const batches = batchesOf(rows, 42);
    expect(batches.length).toBeGreaterThan(SEND_BATCH_MAX);
    const calls: OutboxBatch[][] = [];
    await handOver({ sendBatch: async (messages) => void calls.push(messages.map((m) => m.body)) }, batches);
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(SEND_BATCH_MAX);
    expect(calls.flat()).toEqual(batches);
    const messageOf = new Map(calls.flat().flatMap((b, i) => b.ids.map((id) => [id, i] as const)));
    for (let chat = 0; chat < 160; chat++) {
      const ids = rows.filter((r) => r.chatId === 10_000 + chat).map((r) => r.id);
      expect(new Set(ids.map((id) => messageOf.get(id))).size, `chat ${chat}`).toBe(1);
    }
  });
});
