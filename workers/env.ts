// What the bot Worker is handed: its settings as strings (read and checked by lib/settings.ts) and
// its bindings.
import type { AiRunner } from "../lib/translation.ts";

/** What every Worker that sends (the bot's drain after an update, the jobs Worker's tick and queue) is handed. */
export interface SenderEnv {
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
  LOG_EVERY_UPDATE?: string;
  PROCESSED_UPDATES_RETENTION_DAYS?: string;
  /** Workers AI (`[ai] binding = "AI"`): machine translation of free text across zh/en; off without it. */
  AI?: AiRunner;
  AI_FAKE_URL?: string;
}

export interface Env extends SenderEnv {
  TELEGRAM_WEBHOOK_SECRET?: string;
  ADMIN_API_TOKEN?: string;
  PORTAL_ORIGINS?: string;
  /** The supervisors' web Worker (workers/web/wrangler.toml), which serves /web/*. */
  WEB?: { fetch(request: Request): Promise<Response> };
}
