// The Worker's queue handler: each message names outbox rows; sent at most once per lease.
import { telegramApiFor } from "./telegram-api.ts";
import { openDbFor } from "../../db/client.ts";
import type { JobsSettings } from "../../lib/settings.ts";
import type { Translator } from "../../lib/translation.ts";
import { logEvent } from "../../lib/log.ts";
import { portalTarget } from "./portal.ts";
import { robotSettingsOf } from "./channels/robots.ts";
import { consumeBatch, type OutboxBatch } from "./queue.ts";

export async function consumeOutboxBatch(settings: JobsSettings, batch: MessageBatch<OutboxBatch>, translator?: Translator): Promise<void> {
  const handle = openDbFor(settings);
  for (const message of batch.messages) {
    try {
      const robots = robotSettingsOf(settings, settings.TELEGRAM_TIMEOUT_SECONDS * 1000);
      const report = await consumeBatch(handle, telegramApiFor(settings), message.body, Date.now(), { portal: portalTarget(settings), robots, translator });
      logEvent("outbox_queue", { ...report, db_round_trips: handle.roundTrips() });
      message.ack();
    } catch {
      // The rows stay pending: a redelivery of this message (if they were not taken yet) or the
      // tick after their lease sends them.
      message.retry();
    }
  }
}
