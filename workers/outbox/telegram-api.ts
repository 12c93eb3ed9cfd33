// The outbox's Telegram client: grammY's Api alone, one per isolate and token. The senders need no
// bot middleware, so the jobs Worker (cron and queue consumer) carries none of the bot's features.
import { Api } from "grammy";
import type { JobsSettings } from "../../lib/settings.ts";

const apis = new Map<string, Api>();

export function telegramApiFor(settings: Pick<JobsSettings, "TELEGRAM_BOT_TOKEN" | "TELEGRAM_API_ROOT" | "TELEGRAM_TIMEOUT_SECONDS">): Api {
  const key = `${settings.TELEGRAM_BOT_TOKEN}@${settings.TELEGRAM_API_ROOT}/${settings.TELEGRAM_TIMEOUT_SECONDS}`;
  let api = apis.get(key);
  if (!api) {
    api = new Api(settings.TELEGRAM_BOT_TOKEN, { apiRoot: settings.TELEGRAM_API_ROOT, timeoutSeconds: settings.TELEGRAM_TIMEOUT_SECONDS });
    apis.set(key, api);
  }
  return api;
}
