// npm run set-webhook — registers <PUBLIC_BASE_URL>/telegram/webhook with Telegram, with the
// secret token and the update kinds the bot handles, and the command menu in both languages.
import { Api } from "grammy";
import { commandMenu } from "../bots/commands.ts";

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

export async function registerWebhook(options: { token: string; secret: string; publicBaseUrl: string; apiRoot?: string }) {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  const url = new URL("/telegram/webhook", options.publicBaseUrl).toString();
  await api.setWebhook(url, { secret_token: options.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false, max_connections: 40 });
  await api.setMyCommands(commandMenu("zh"));
  await api.setMyCommands(commandMenu("zh"), { language_code: "zh" });
  await api.setMyCommands(commandMenu("en"), { language_code: "en" });
  return { url, info: await api.getWebhookInfo() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secret, PUBLIC_BASE_URL: publicBaseUrl, TELEGRAM_API_ROOT: apiRoot } = process.env;
  if (!token || !secret || !publicBaseUrl) {
    console.error("set-webhook needs TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and PUBLIC_BASE_URL (https://…)");
    process.exit(2);
  }
  const { url, info } = await registerWebhook({ token, secret, publicBaseUrl, apiRoot });
  console.log(JSON.stringify({ event: "webhook_set", url, pending_update_count: info.pending_update_count, last_error: info.last_error_message ?? null }));
}
