// Drains the outbox outside a tick: right after a webhook update that queued messages, so the
// people concerned hear at once rather than at the next cron run.
import { telegramApiFor } from "./telegram-api.ts";
import { openDbFor } from "../../db/client.ts";
import type { Settings } from "../../lib/settings.ts";
import { TRANSLATION_WAIT_MS, type Translator } from "../../lib/translation.ts";
import { logError, logEvent } from "../../lib/log.ts";
import { portalTarget } from "./portal.ts";
import { robotSettingsOf } from "./channels/robots.ts";
import { drainOutbox, type DrainOptions } from "./sender.ts";
import type { OutboxRow } from "./claim.ts";
import { releaseKeptReplies } from "../../db/queries/kept-replies.ts";

export const AFTER_UPDATE: DrainOptions = { limit: 20, budgetMs: 5_000 };

/**
 * Work passed to waitUntil is cancelled 30 s after the response (developers.cloudflare.com/workers/
 * platform/limits, "waitUntil"). A drain must have recorded what it sent by then, or a row sent but
 * not recorded is sent again by the next tick.
 */
export const WAIT_UNTIL_MS = 30_000;
/** Kept free at the end for the round trip that records the outcomes. */
const RECORD_RESERVE_MS = 5_000;

/** When the running drain started (0: none). A drain older than this is taken to be dead: its request was cut off. */
let drainingSince = 0;
let requested = false;
/** Updates whose kept replies were sent, to be let go by the next round's batch (or on their own when no round is left). */
const sentReplies: number[] = [];
/** Rows updates' commits claimed, for the next round to send instead of claiming (left over, their lease runs out and a tick sends them). */
const claimedByCommits: OutboxRow[] = [];

export interface DrainSchedule {
  /** The real clock. */
  clock: () => number;
  /** The longest one send may take (the Bot API timeout): a send started just before the budget ends may run that long. */
  sendTimeoutMs: number;
  /**
   * One round: send `claimed` (rows commits claimed) or else claim, send within `budgetMs`, record; `sentRepliesOf`'s
   * replies are let go in the claim's batch or the record's. True when more may be due (it sent a full claim).
   */
  round: (budgetMs: number, sentRepliesOf: number[], claimed: OutboxRow[]) => Promise<boolean>;
  /** Lets kept replies go that no round took (the time ran out first). */
  release: (updateIds: number[]) => Promise<void>;
}

/**
 * Rounds while more is asked for or the last round sent a full claim (a notice to a whole
 * department can be more than one claim), each with what is left of the waitUntil budget: new sends start
 * only while the slowest one could still finish, and its outcome be recorded, within WAIT_UNTIL_MS
 * of the start. Returns how many rounds ran.
 */
export async function drainWithin(schedule: DrainSchedule): Promise<number> {
  const sendsUntil = schedule.clock() + WAIT_UNTIL_MS - schedule.sendTimeoutMs - RECORD_RESERVE_MS;
  let rounds = 0;
  while (requested) {
    const budgetMs = Math.min(AFTER_UPDATE.budgetMs, sendsUntil - schedule.clock());
    if (budgetMs <= 0) break;
    requested = false;
    rounds += 1;
    if (await schedule.round(budgetMs, sentReplies.splice(0), claimedByCommits.splice(0))) requested = true;
  }
  return rounds;
}

/** The drain after an update as the webhook runs it: rounds of drainNow (its slots filled by `translator`) in the time left. */
export function afterUpdate(settings: Settings, now: () => number, translator?: Translator): DrainSchedule {
  return {
    clock: Date.now,
    // A round may first wait for its translations, so its last send can end that much later.
    sendTimeoutMs: settings.TELEGRAM_TIMEOUT_SECONDS * 1000 + (translator ? TRANSLATION_WAIT_MS : 0),
    round: (budgetMs, sentRepliesOf, claimed) => drainNow(settings, now, { ...AFTER_UPDATE, budgetMs, translator, sentRepliesOf, claimed }),
    release: (updateIds) => releaseKeptReplies(settings, updateIds),
  };
}

/**
 * One drain per isolate at a time: an update that queues messages while a drain runs only asks
 * it to go round once more, instead of starting a second one that would race it for the same
 * rows (and, under load, flood the database with claims). What is left when its time is up waits
 * for the next update or tick. `claimed`, the rows the update's commit claimed, go in the next round
 * instead of its claim; `sentRepliesOf`, an update whose kept replies were sent, has them let go in a
 * round's batch (a round trip saved), or on their own if no round is left to take them.
 */
export async function drainAfterUpdate(settings: Settings, now: () => number, schedule: DrainSchedule = afterUpdate(settings, now), sentRepliesOf?: number, claimed: OutboxRow[] = []): Promise<void> {
  requested = true;
  if (sentRepliesOf !== undefined) sentReplies.push(sentRepliesOf);
  claimedByCommits.push(...claimed);
  const started = schedule.clock();
  if (drainingSince && started - drainingSince < WAIT_UNTIL_MS) return;
  drainingSince = started;
  try {
    await drainWithin(schedule);
  } finally {
    if (drainingSince === started) drainingSince = 0;
    // Claimed rows no round took are not sent by a later drain: by then their lease may have run out and a tick sent them.
    claimedByCommits.length = 0;
    if (sentReplies.length) await schedule.release(sentReplies.splice(0));
  }
}

/** One drain; true when it sent as many as it could claim, so more may be due. */
export async function drainNow(settings: Settings, now: () => number, options: DrainOptions = AFTER_UPDATE): Promise<boolean> {
  try {
    const handle = openDbFor(settings);
    const report = await drainOutbox(handle, telegramApiFor(settings), now(), { ...options, portal: portalTarget(settings), robots: robotSettingsOf(settings, settings.TELEGRAM_TIMEOUT_SECONDS * 1000) }, now);
    // A clean drain (everything claimed was sent) is routine: no line (lib/log.ts).
    const clean = report.sent === report.claimed && report.retried + report.dead + report.unreachable + report.released + report.moved === 0;
    if (!clean || settings.LOG_EVERY_UPDATE === "1") logEvent("outbox_drain", { trigger: "update", ...report, db_round_trips: handle.roundTrips() });
    // Rows several commits claimed, sent in one round, can be more than a claim's limit.
    return report.claimed >= options.limit && report.sent > 0;
  } catch (error) {
    // The rows stay pending; the next tick sends them. Replies it was to let go stay kept (as when releaseKeptReplies fails).
    logError("outbox_drain_failed", error, { replies_not_released: options.sentRepliesOf?.length ?? 0 });
    return false;
  }
}
