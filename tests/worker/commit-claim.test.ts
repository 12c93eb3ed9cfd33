// An update that queued messages claims them in its own commit (db/unit.ts): the drain after the response
// sends them without a claim of its own, one round trip fewer (issue 15). They are leased like any claim's,
// so no other drain or tick takes them meanwhile, and in the recipient's order.
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { openDbFor } from "../../db/client.ts";
import { enqueueMessage } from "../../db/queries/outbox.ts";
import { UpdateUnit } from "../../db/unit.ts";
import { settingsOf } from "../../lib/settings.ts";
import { rows } from "./support/db.ts";
import { uniqueId } from "./support/telegram.ts";

const chats: number[] = [];
afterEach(async () => {
  // Nobody would send them before the lease ran out: they are not left for other files' drains.
  for (const chat of chats.splice(0)) await rows("DELETE FROM outbox WHERE chat_id = ?", [chat]);
});

/**
 * The test files share one outbox, and a claim takes the oldest due rows: at an instant before any other file's
 * rows (2001) only this file's are due. The lease runs past today, so no drain of another file takes them meanwhile.
 */
const LONG_AGO = Date.UTC(2001, 0, 1);
const LEASE_MS = 50 * 365 * 86_400_000;
/** A row due then is due for no drain of this run. */
const FAR_AHEAD = Date.UTC(2100, 0, 1);

function unitFor(claim: boolean) {
  const handle = openDbFor(settingsOf(env));
  const now = LONG_AGO;
  return { handle, now, unit: new UpdateUnit(handle, uniqueId(), now, undefined, claim ? { limit: 20, leaseMs: LEASE_MS } : undefined) };
}

const queue = (unit: UpdateUnit, chatId: number, text: string, now: number) =>
  unit.write(enqueueMessage(unit.db, { dedupeKey: `test:claim:${crypto.randomUUID()}`, chatId, payload: { text }, now }));

describe("the commit of an update that queued messages claims them", () => {
  it("in the same batch (one round trip), leased for the drain after the response, in order", async () => {
    const { handle, now, unit } = unitFor(true);
    const chat = uniqueId();
    chats.push(chat);
    queue(unit, chat, "first", now);
    queue(unit, chat, "second", now);
    await unit.commit();
    expect(handle.roundTrips()).toBe(1);
    const mine = unit.claimed.filter((r) => r.chatId === chat);
    expect(mine.map((r) => (r.payload as { text: string }).text)).toEqual(["first", "second"]);
    expect(await rows("SELECT lease_until, attempts FROM outbox WHERE chat_id = ? ORDER BY id", [chat])).toEqual([
      { lease_until: now + LEASE_MS, attempts: 1 },
      { lease_until: now + LEASE_MS, attempts: 1 },
    ]);
  });

  it("not a row its recipient's earlier row holds back (a retry waiting): that one keeps the order", async () => {
    const { now, unit } = unitFor(true);
    const chat = uniqueId();
    chats.push(chat);
    await rows(
      `INSERT INTO outbox (dedupe_key, chat_id, chat_kind, method, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, 'private', 'sendMessage', '{"text":"earlier"}', 'pending', 1, ?, ?)`,
      [`test:claim:${crypto.randomUUID()}`, chat, FAR_AHEAD, now - 60_000],
    );
    queue(unit, chat, "later", now);
    await unit.commit();
    expect(unit.claimed.filter((r) => r.chatId === chat)).toEqual([]);
    expect(await rows("SELECT lease_until FROM outbox WHERE chat_id = ? ORDER BY id", [chat])).toEqual([{ lease_until: null }, { lease_until: null }]);
  });

  it("claims nothing when the update queued nothing, nor when it was not asked to", async () => {
    const quiet = unitFor(true);
    await quiet.unit.commit();
    expect(quiet.unit.claimed).toEqual([]);
    const unasked = unitFor(false);
    const chat = uniqueId();
    chats.push(chat);
    queue(unasked.unit, chat, "left for the drain's own claim", FAR_AHEAD);
    await unasked.unit.commit();
    expect(unasked.unit.claimed).toEqual([]);
    expect(await rows("SELECT lease_until, attempts FROM outbox WHERE chat_id = ?", [chat])).toEqual([{ lease_until: null, attempts: 0 }]);
  });
});
