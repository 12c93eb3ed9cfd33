// What the jobs Worker is handed: its settings as strings (read and checked by lib/settings.ts's
// jobsSettingsOf: the bot's without the webhook secret, the admin token and the frame origins) and its bindings.
import type { AiRunner } from "../../lib/translation.ts";
import type { OutboxQueue } from "../outbox/queue.ts";

export interface JobsEnv {
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_API_ROOT?: string;
  TELEGRAM_BOT_USERNAME?: string;
  TELEGRAM_TIMEOUT_SECONDS?: string;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  PUBLIC_BASE_URL?: string;
  CASE_LINK_SECRET?: string;
  CASE_LINK_SECRET_PREVIOUS?: string;
  PORTAL_WEBHOOK_URL?: string;
  PORTAL_WEBHOOK_SECRET?: string;
  CHANNEL_CREDENTIALS_KEY?: string;
  DINGTALK_API_ROOT?: string;
  WECOM_API_ROOT?: string;
  OUTBOX_RETENTION_DAYS?: string;
  PROCESSED_UPDATES_RETENTION_DAYS?: string;
  LOG_EVERY_UPDATE?: string;
  /** Optional Cloudflare Queue that spreads outbox sending over consumers: the tick produces, this Worker consumes. */
  OUTBOX_QUEUE?: OutboxQueue;
  /** Workers AI (`[ai] binding = "AI"`): machine translation of free text across zh/en; off without it. */
  AI?: AiRunner;
  AI_FAKE_URL?: string;
}
