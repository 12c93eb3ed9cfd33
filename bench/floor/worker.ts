// The floor of `npm run bench`: a bare grammY bot on Workers — hono, grammY's webhookCallback with the
// secret token, one sendMessage per update, no database. The project's CPU per update is judged
// against this one's, measured in the same run with the same wrangler dev, fake Bot API and workload.
import { Hono } from "hono";
import { Bot, webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";

interface FloorEnv {
  TELEGRAM_BOT_TOKEN: string;
  TELEGRAM_WEBHOOK_SECRET: string;
  TELEGRAM_API_ROOT: string;
}

const app = new Hono<{ Bindings: FloorEnv }>();

// One bot per isolate, as the project keeps its own (bots/bot.ts): what an update costs, not a bot's setup.
let bot: Bot | undefined;
function floorBot(env: FloorEnv): Bot {
  if (bot) return bot;
  bot = new Bot(env.TELEGRAM_BOT_TOKEN, {
    client: { apiRoot: env.TELEGRAM_API_ROOT },
    botInfo: { id: Number(env.TELEGRAM_BOT_TOKEN.split(":")[0]), is_bot: true, first_name: "Floor", username: "FloorBot" } as UserFromGetMe,
  });
  bot.use(async (ctx) => {
    const chat = ctx.chatId ?? ctx.from?.id;
    if (chat !== undefined) await ctx.api.sendMessage(chat, "ok");
  });
  return bot;
}

app.post("/telegram/webhook", (c) => webhookCallback(floorBot(c.env), "hono", { secretToken: c.env.TELEGRAM_WEBHOOK_SECRET })(c));

app.get("/healthz", (c) => c.json({ ok: true }));

export default app;
