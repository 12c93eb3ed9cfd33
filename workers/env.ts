// What the bot Worker is handed: its settings as strings (read and checked by lib/settings.ts) and
// its bindings.
import type { AiRunner } from "../lib/translation.ts";

export interface Env {
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  TELEGRAM_API_ROOT?: string;
  TELEGRAM_BOT_USERNAME?: string;
  TELEGRAM_TIMEOUT_SECONDS?: string;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  PUBLIC_BASE_URL?: string;
  ADMIN_API_TOKEN?: string;
  CASE_LINK_SECRET?: string;
  CASE_LINK_SECRET_PREVIOUS?: string;
  PORTAL_ORIGINS?: string;
  PORTAL_WEBHOOK_URL?: string;
  PORTAL_WEBHOOK_SECRET?: string;
  CHANNEL_CREDENTIALS_KEY?: string;
  DINGTALK_API_ROOT?: string;
  WECOM_API_ROOT?: string;
  OUTBOX_RETENTION_DAYS?: string;
  LOG_EVERY_UPDATE?: string;
  PROCESSED_UPDATES_RETENTION_DAYS?: string;
  /** The supervisors' web Worker (workers/web/wrangler.toml), which serves /web/*. */
  WEB?: { fetch(request: Request): Promise<Response> };
  /** Workers AI (`[ai] binding = "AI"`): machine translation of free text across zh/en; off without it. */
  AI?: AiRunner;
  AI_FAKE_URL?: string;
}
