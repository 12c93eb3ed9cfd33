// The supervisors' web Worker's settings (see ../env.ts for the bot's, and the reader they share).
import * as v from "valibot";
import type { AiRunner } from "../../lib/translation.ts";
import { SettingsSchema, settingsReader, sharedSettings } from "../../lib/settings.ts";

export interface WebEnv {
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  WEB_SESSION_SECRET?: string;
  TELEGRAM_BOT_USERNAME?: string;
  PUBLIC_BASE_URL?: string;
  CASE_LINK_SECRET?: string;
  CASE_LINK_SECRET_PREVIOUS?: string;
  CHANNEL_CREDENTIALS_KEY?: string;
  DINGTALK_API_ROOT?: string;
  WECOM_API_ROOT?: string;
  /** The admin API's, /api/*'s and the case page's own (../api-app.ts reads them as the bot does). */
  ADMIN_API_TOKEN?: string;
  PORTAL_ORIGINS?: string;
  /** Workers AI (optional, as the bot's): the case page's machine translations; AI_FAKE_URL its offline stand-in. */
  AI?: AiRunner;
  AI_FAKE_URL?: string;
  /** The passkey ceremonies' rate limit per address (wrangler.toml's [[ratelimits]]: Workers' RateLimit, as far as it is used here). */
  PASSKEY_LIMITER?: { limit(options: { key: string }): Promise<{ success: boolean }> };
}

const WebSettingsSchema = v.object({
  LIBSQL_URL: sharedSettings.LIBSQL_URL,
  LIBSQL_AUTH_TOKEN: sharedSettings.LIBSQL_AUTH_TOKEN,
  /** Signs the session cookie. */
  WEB_SESSION_SECRET: v.pipe(v.string("is required"), v.minLength(32, "must be at least 32 characters")),
  /** For the invite instructions shown to an admin. */
  TELEGRAM_BOT_USERNAME: sharedSettings.TELEGRAM_BOT_USERNAME,
  /** The case actions' updates repeat the firm's case link when this Worker holds the bot's key(s) that made it. */
  PUBLIC_BASE_URL: SettingsSchema.entries.PUBLIC_BASE_URL,
  CASE_LINK_SECRET: v.optional(SettingsSchema.entries.CASE_LINK_SECRET),
  CASE_LINK_SECRET_PREVIOUS: SettingsSchema.entries.CASE_LINK_SECRET_PREVIOUS,
  /** The admin page's robot settings and test button: the bot's key, so either Worker opens the credentials. */
  CHANNEL_CREDENTIALS_KEY: sharedSettings.CHANNEL_CREDENTIALS_KEY,
  DINGTALK_API_ROOT: sharedSettings.DINGTALK_API_ROOT,
  WECOM_API_ROOT: sharedSettings.WECOM_API_ROOT,
  AI_FAKE_URL: SettingsSchema.entries.AI_FAKE_URL,
});

export type WebSettings = v.InferOutput<typeof WebSettingsSchema>;

export const webSettingsOf: (env: WebEnv) => WebSettings = settingsReader(WebSettingsSchema);
