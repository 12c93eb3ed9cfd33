// Drains the outbox: claims due rows (claim.ts), sends them paced and in order per chat, then
// records every outcome in one batch (outcomes.ts). A group upgraded to a supergroup is followed
// to its new id at once.
import { GrammyError, type Api } from "grammy";
import type { DbHandle } from "../../db/client.ts";
import { claimDue, type OutboxRow } from "./claim.ts";
import { classify, dead, recordOutcomes, type Outcome, type Tried } from "./outcomes.ts";
import { Pacer } from "./pacer.ts";
import { PORTAL_METHOD, postPortalEvent, type PortalTarget } from "./portal.ts";
import { translateClaimed } from "./translate.ts";
import type { Translator } from "../../lib/translation.ts";

export interface DrainOptions {
  /** Rows claimed at most in this drain. */
  limit: number;
  /** Stop starting new sends after this many ms of wall time; the rest waits for the next drain. */
  budgetMs: number;
  pacer?: Pacer;
  /** Sleeps between paced sends; tests and benchmarks may pass their own. */
  sleep?: (ms: number) => Promise<void>;
  /** Where portal events go; without it they are dead letters (not configured). */
  portal?: PortalTarget | undefined;
  /** Fills machine-translation slots; without it (no AI binding) they are left out. */
  translator?: Translator | undefined;
}

export interface DrainReport {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  unreachable: number;
  released: number;
  moved: number;
  /** Machine translations made now, found in the cache, and unavailable (failed, slow or empty: sent with the note). */
  translated: number;
  translations_cached: number;
  translations_unavailable: number;
}

/**
 * Sends claimed rows, each chat's in id order. The next message is always the one whose chat may
 * be sent to soonest (Telegram's pace), so a chat with many messages (a long text in parts) never
 * holds up the others. A message that must be retried holds back its chat's later ones; a dead
 * letter does not. `clock` is the real clock, for pacing; outcomes are stamped on the drain's own
 * timeline (`now` plus the time spent), so a tick replayed at a scheduled time retries on that
 * timeline too: one clock source for every stored instant.
 */
export async function sendClaimed(api: Api, rows: OutboxRow[], options: DrainOptions, clock: () => number, now: number): Promise<Tried> {
  const pacer = options.pacer ?? new Pacer();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = clock();
  const at = () => now + (clock() - started);
  const outcomes: Outcome[] = [];
  const moved = new Map<number, number>();
  const chats = new Map<number, OutboxRow[]>();
  for (const row of rows) {
    const queue = chats.get(row.chatId);
    if (queue) queue.push(row);
    else chats.set(row.chatId, [row]);
  }
  const release = (queue: OutboxRow[]) => outcomes.push(...queue.splice(0).map((row) => ({ id: row.id, result: "released" as const })));
  // The portal's events are not paced by Telegram's limits.
  const waitFor = (chat: number, row: OutboxRow) => (row.method === PORTAL_METHOD ? 0 : pacer.waitFor(moved.get(chat) ?? chat, clock()));

  while (chats.size) {
    let next: { chat: number; queue: OutboxRow[]; wait: number } | undefined;
    for (const [chat, queue] of chats) {
      const wait = waitFor(chat, queue[0]!);
      if (!next || wait < next.wait || (wait === next.wait && queue[0]!.id < next.queue[0]!.id)) next = { chat, queue, wait };
    }
    const { chat, queue, wait } = next!;
    // Nothing can start within the budget: the rest waits for the next drain.
    if (clock() + wait - started > options.budgetMs) {
      for (const rest of chats.values()) release(rest);
      break;
    }
    if (wait > 0) await sleep(wait);
    const outcome = await attempt(queue.shift()!);
    outcomes.push(outcome);
    if (outcome.result === "retry" || outcome.result === "unreachable") release(queue);
    if (!queue.length) chats.delete(chat);
  }
  return { outcomes, moved };

  async function attempt(row: OutboxRow): Promise<Outcome> {
    if (row.method === PORTAL_METHOD) {
      if (!options.portal) return dead(row, "PORTAL_WEBHOOK_URL is not set");
      try {
        await postPortalEvent(options.portal, row.dedupeKey, row.payload, at());
        return { id: row.id, result: "sent", at: at() };
      } catch (error) {
        return classify(row, error, at());
      }
    }
    const send = (chatId: number) => {
      pacer.record(chatId, clock());
      return api.raw[row.method as "sendMessage"]({ ...(row.payload as object), chat_id: chatId } as never);
    };
    try {
      try {
        await send(moved.get(row.chatId) ?? row.chatId);
      } catch (error) {
        // "Group chat was upgraded to a supergroup chat": the same message, to the new chat.
        const to = error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
        if (to === undefined) throw error;
        moved.set(row.chatId, to);
        await send(to);
      }
      return { id: row.id, result: "sent", at: at() };
    } catch (error) {
      return classify(row, error, at());
    }
  }
}

export async function drainOutbox(handle: DbHandle, api: Api, now: number, options: DrainOptions, clock: () => number = Date.now): Promise<DrainReport> {
  return sendAndRecord(handle, api, await claimDue(handle, now, options.limit), now, options, clock);
}

export async function sendAndRecord(handle: DbHandle, api: Api, rows: OutboxRow[], now: number, options: DrainOptions, clock: () => number): Promise<DrainReport> {
  const translated = await translateClaimed(handle, rows, options.translator, now);
  const tried = await sendClaimed(api, translated.rows, options, clock, now);
  await recordOutcomes(handle, tried, now, translated.writes);
  const count = (r: Outcome["result"]) => tried.outcomes.filter((o) => o.result === r).length;
  return {
    claimed: rows.length,
    sent: count("sent"),
    retried: count("retry"),
    dead: count("dead"),
    unreachable: count("unreachable"),
    released: count("released"),
    moved: tried.moved.size,
    translated: translated.report.translated,
    translations_cached: translated.report.cached,
    translations_unavailable: translated.report.unavailable,
  };
}
