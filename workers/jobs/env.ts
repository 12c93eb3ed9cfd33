// What the jobs Worker is handed: its settings as strings (read and checked by lib/settings.ts's
// jobsSettingsOf: the bot's without the webhook secret, the admin token and the frame origins) and its bindings.
import type { SenderEnv } from "../env.ts";
import type { OutboxQueue } from "../outbox/queue.ts";

export interface JobsEnv extends SenderEnv {
  /** Optional Cloudflare Queue that spreads outbox sending over consumers: the tick produces, this Worker consumes. */
  OUTBOX_QUEUE?: OutboxQueue;
}
