// Drains the outbox outside a tick: right after a webhook update that queued messages, so the
// people concerned hear at once rather than at the next cron run.
import { botFor } from "../../bots/bot.ts";
import { openDbFor } from "../../db/client.ts";
import type { Settings } from "../../lib/settings.ts";
import { logError, logEvent } from "../../lib/log.ts";
import { portalTarget } from "./portal.ts";
import { drainOutbox, type DrainOptions } from "./sender.ts";

export const AFTER_UPDATE: DrainOptions = { limit: 20, budgetMs: 5_000 };

/** When the running drain started (0: none). A drain older than this is taken to be dead: its request was cut off. */
let drainingSince = 0;
let requested = false;
const DRAIN_PRESUMED_DEAD_MS = 3 * AFTER_UPDATE.budgetMs;
/** Rounds one request's drain may go, so its waitUntil ends; what is left waits for the next update or tick. */
const MAX_ROUNDS = 5;

/**
 * One drain per isolate at a time: an update that queues messages while a drain runs only asks
 * it to go round once more, instead of starting a second one that would race it for the same
 * rows (and, under load, flood the database with claims).
 */
export async function drainAfterUpdate(settings: Settings, now: () => number): Promise<void> {
  requested = true;
  const started = Date.now();
  if (drainingSince && started - drainingSince < DRAIN_PRESUMED_DEAD_MS) return;
  drainingSince = started;
  try {
    for (let round = 0; requested && round < MAX_ROUNDS; round++) {
      requested = false;
      await drainNow(settings, now);
    }
  } finally {
    if (drainingSince === started) drainingSince = 0;
  }
}

export async function drainNow(settings: Settings, now: () => number, options: DrainOptions = AFTER_UPDATE): Promise<void> {
  try {
    const handle = openDbFor(settings);
    const report = await drainOutbox(handle, botFor(settings).api, now(), { ...options, portal: portalTarget(settings) }, now);
    logEvent("outbox_drain", { trigger: "update", ...report, db_round_trips: handle.roundTrips() });
  } catch (error) {
    // The rows stay pending; the next tick sends them.
    logError("outbox_drain_failed", error);
  }
}
