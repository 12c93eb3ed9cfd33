// npm run bridge (and npm start with a real TELEGRAM_BOT_TOKEN): long-polls getUpdates and
// forwards each update to the local webhook with the secret, so a real Telegram chat reaches the
// local Worker without a public URL. The offset moves past an update only once the webhook took it.
import { Api } from "grammy";
import type { Update } from "grammy/types";

export interface BridgeOptions {
  token: string;
  apiRoot?: string;
  webhookUrl: string;
  secret: string;
  /** Long-poll timeout in seconds (Telegram allows up to 50). */
  timeoutSeconds?: number;
}

const log = (fields: Record<string, unknown>) => console.log(JSON.stringify({ event: "bridge", ...fields }));
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Posts one update until the webhook answers 2xx (retrying 5xx and network errors); false if it refused it (4xx). */
async function forward(update: Update, options: BridgeOptions, signal: AbortSignal): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    const response = await fetch(options.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": options.secret },
      body: JSON.stringify(update),
      signal,
    }).catch(() => undefined);
    if (response?.ok) return true;
    if (response && response.status >= 400 && response.status < 500) {
      log({ update_id: update.update_id, status: response.status, outcome: "refused" });
      return false;
    }
    log({ update_id: update.update_id, status: response?.status ?? "network", outcome: "retry", attempt });
    await sleep(Math.min(500 * 2 ** attempt, 30_000), signal);
  }
  return false;
}

export async function runBridge(options: BridgeOptions, signal: AbortSignal): Promise<void> {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  await api.deleteWebhook({ drop_pending_updates: false });
  let offset = 0;
  let failures = 0;
  while (!signal.aborted) {
    let updates: Update[];
    try {
      updates = await api.getUpdates({ offset, timeout: options.timeoutSeconds ?? 25, allowed_updates: ["message", "callback_query", "my_chat_member"] }, signal as never);
      failures = 0;
    } catch {
      if (signal.aborted) break;
      failures += 1;
      await sleep(Math.min(1000 * 2 ** failures, 30_000), signal);
      continue;
    }
    for (const update of updates) {
      if (signal.aborted) return;
      const taken = await forward(update, options, signal);
      if (signal.aborted && !taken) return;
      offset = update.update_id + 1;
      log({ update_id: update.update_id, outcome: taken ? "forwarded" : "skipped" });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_API_ROOT: apiRoot, PORT } = process.env;
  if (!token || !secret) {
    console.error("bridge needs TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET (and the local Worker running: npm start)");
    process.exit(2);
  }
  const controller = new AbortController();
  process.on("SIGINT", () => controller.abort());
  process.on("SIGTERM", () => controller.abort());
  const webhookUrl = process.env.WEBHOOK_URL ?? `http://127.0.0.1:${PORT ?? 8787}/telegram/webhook`;
  log({ outcome: "started", webhook: webhookUrl });
  await runBridge({ token, secret, webhookUrl, ...(apiRoot ? { apiRoot } : {}) }, controller.signal);
  log({ outcome: "stopped" });
}
