// Drains the outbox: claims due rows (claim.ts), sends them through their channels (channels/),
// paced and in order per recipient, then records every outcome in one batch (outcomes.ts).
import type { Api } from "grammy";
import type { DbHandle } from "../../db/client.ts";
import { releaseRepliesOf } from "../../db/queries/kept-replies.ts";
import { claimDue, type OutboxRow } from "./claim.ts";
import { recipientOf, type Channel } from "./channels/channel.ts";
import { PortalChannel } from "./channels/portal.ts";
import { RobotChannel, type RobotSettings } from "./channels/robots.ts";
import { TelegramChannel } from "./channels/telegram.ts";
import { classify, recordOutcomes, type Outcome, type Tried } from "./outcomes.ts";
import type { Pacer } from "./pacer.ts";
import type { PortalTarget } from "./portal.ts";
import { loadRobots } from "./robot-targets.ts";
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
  /** How group robots are reached; without it their rows are dead letters (not configured). */
  robots?: RobotSettings | undefined;
  /** Fills machine-translation slots; without it (no AI binding) they are left out. */
  translator?: Translator | undefined;
  /** Updates whose kept replies were sent: let go in the claim's batch (claim.ts), or the record's when nothing is claimed. */
  sentRepliesOf?: number[];
  /** Rows already claimed (by the commit that queued them): sent instead of claiming. */
  claimed?: OutboxRow[];
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

const NO_ROBOTS: RobotSettings = { key: undefined, dingtalkRoot: "", wecomRoot: "", timeoutMs: 1 };

/**
 * Sends claimed rows, each recipient's in id order. The next message is always the one whose
 * recipient may be sent to soonest (its channel's pace), so a recipient with many messages never
 * holds up the others. A message that must be retried holds back its recipient's later ones; a
 * dead letter does not. `clock` is the real clock, for pacing and vendors' signatures; outcomes are
 * stamped on the drain's own timeline (`now` plus the time spent), so a tick replayed at a scheduled
 * time retries on that timeline too: one clock source for every stored instant.
 */
export async function sendClaimed(channels: Record<OutboxRow["channel"], Channel>, rows: OutboxRow[], options: DrainOptions, clock: () => number, now: number): Promise<Outcome[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = clock();
  const at = () => now + (clock() - started);
  const outcomes: Outcome[] = [];
  const recipients = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const queue = recipients.get(recipientOf(row));
    if (queue) queue.push(row);
    else recipients.set(recipientOf(row), [row]);
  }
  const release = (queue: OutboxRow[], notBefore?: number) =>
    outcomes.push(...queue.splice(0).map((row) => ({ id: row.id, result: "released" as const, ...(notBefore === undefined ? {} : { notBefore }) })));

  while (recipients.size) {
    let next: { key: string; queue: OutboxRow[]; wait: number } | undefined;
    for (const [key, queue] of recipients) {
      const wait = channels[queue[0]!.channel].waitFor(queue[0]!, clock());
      if (!next || wait < next.wait || (wait === next.wait && queue[0]!.id < next.queue[0]!.id)) next = { key, queue, wait };
    }
    const { key, queue, wait } = next!;
    // Nothing can start within the budget: the rest waits for the next drain.
    if (clock() + wait - started > options.budgetMs) {
      for (const rest of recipients.values()) release(rest, at() + channels[rest[0]!.channel].waitFor(rest[0]!, clock()));
      break;
    }
    if (wait > 0) await sleep(wait);
    const row = queue.shift()!;
    let outcome: Outcome;
    try {
      await channels[row.channel].send(row, clock(), at());
      outcome = { id: row.id, result: "sent", at: at(), ...robotOf(row) };
    } catch (error) {
      outcome = classify(row, error, at());
    }
    outcomes.push(outcome);
    if (outcome.result === "retry" || outcome.result === "unreachable") release(queue);
    if (!queue.length) recipients.delete(key);
  }
  return outcomes;
}

/** A robot's rows say which robot they went to: its error is shown to the admins, or cleared. */
const robotOf = (row: OutboxRow) => (row.channel === "dingtalk" || row.channel === "wecom" ? { robot: row.chatId } : {});

export async function drainOutbox(handle: DbHandle, api: Api, now: number, options: DrainOptions, clock: () => number = Date.now): Promise<DrainReport> {
  if (options.claimed?.length) return sendAndRecord(handle, api, options.claimed, now, options, clock, options.sentRepliesOf);
  return sendAndRecord(handle, api, await claimDue(handle, now, options.limit, undefined, options.sentRepliesOf), now, options, clock);
}

/** `sentRepliesOf`: updates whose kept replies were sent, let go in the record's batch. */
export async function sendAndRecord(handle: DbHandle, api: Api, rows: OutboxRow[], now: number, options: DrainOptions, clock: () => number, sentRepliesOf: number[] = []): Promise<DrainReport> {
  const translated = await translateClaimed(handle, rows, options.translator, now);
  const telegram = new TelegramChannel(api, options.pacer);
  const robots = new RobotChannel(options.robots ?? NO_ROBOTS, ...(await loadRobots(handle, translated.rows, now, clock())));
  const channels = { telegram, portal: new PortalChannel(options.portal), dingtalk: robots, wecom: robots };
  const outcomes = await sendClaimed(channels, translated.rows, options, clock, now);
  const tried: Tried = { outcomes, moved: telegram.moved };
  await recordOutcomes(handle, tried, now, sentRepliesOf.length ? [...translated.writes, releaseRepliesOf(handle.db, sentRepliesOf)] : translated.writes);
  const count = (r: Outcome["result"]) => outcomes.filter((o) => o.result === r).length;
  return {
    claimed: rows.length,
    sent: count("sent"),
    retried: count("retry"),
    dead: count("dead"),
    unreachable: count("unreachable"),
    released: count("released"),
    moved: telegram.moved.size,
    translated: translated.report.translated,
    translations_cached: translated.report.cached,
    translations_unavailable: translated.report.unavailable,
  };
}
