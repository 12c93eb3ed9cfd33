// The tick's sender: drains what is due within a time budget; the rest waits for the next tick.
import { telegramApiFor } from "../outbox/telegram-api.ts";
import { enqueueDue } from "../outbox/queue.ts";
import { portalTarget } from "../outbox/portal.ts";
import { drainOutbox } from "../outbox/sender.ts";
import { robotSettingsOf } from "../outbox/channels/robots.ts";
import type { CronJob } from "../scheduled.ts";

/** A tick may run for minutes on Workers; leave room for the other jobs and a slow Telegram. */
export const TICK_SEND_BUDGET_MS = 20_000;

export const outboxJob: CronJob = {
  name: "outbox",
  async run({ handle, settings, now, queue, translator }) {
    if (queue) return enqueueDue(handle, queue, now, 2000);
    // "now" is the tick's scheduled time for what is due; pacing needs the real clock.
    const report = await drainOutbox(
      handle,
      telegramApiFor(settings),
      now,
      { limit: 500, budgetMs: TICK_SEND_BUDGET_MS, portal: portalTarget(settings), robots: robotSettingsOf(settings, settings.TELEGRAM_TIMEOUT_SECONDS * 1000), translator },
      Date.now,
    );
    return { ...report };
  },
};
