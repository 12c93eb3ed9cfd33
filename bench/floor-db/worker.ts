// The floor + database of `npm run bench`: the floor (bench/floor/, a bare grammY bot) plus the least
// database work the project's design needs per update, written by hand with no Drizzle, against a sqld
// migrated with the project's migrations: what issue 15's premise ("2 DB round trips are worth at most one
// more bare bot") costs on its own.
//   1. one read batch: was the update processed, the sender, their session;
//   2. one write batch (one transaction): the processed mark, keeping its reply, and the session's upsert;
//   3. the sendMessage;
//   4. on /release/telegram/webhook only: a third request after the response that lets the kept reply go,
//      as the project's exactly-once replies do when the update queued nothing for the outbox
//      (workers/routes/telegram.ts) — the two figures apart.
import { Hono, type Context } from "hono";
import { Bot, webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createClient } from "@libsql/client/web";
import { waitUntil } from "cloudflare:workers";

interface FloorDbEnv {
  TELEGRAM_BOT_TOKEN: string;
  TELEGRAM_WEBHOOK_SECRET: string;
  TELEGRAM_API_ROOT: string;
  LIBSQL_URL: string;
}

const DAY = 86_400_000;
/** How long the kept reply is held for the send before a redelivery may take it over (the project's send timeout plus margin). */
const REPLY_LEASE_MS = 15_000;

// One bot per mode per isolate, as the floor keeps its bot: what an update costs, not a setup.
const bots = new Map<boolean, Bot>();

function floorDbBot(env: FloorDbEnv, release: boolean): Bot {
  const kept = bots.get(release);
  if (kept) return kept;
  const bot = new Bot(env.TELEGRAM_BOT_TOKEN, {
    client: { apiRoot: env.TELEGRAM_API_ROOT },
    botInfo: { id: Number(env.TELEGRAM_BOT_TOKEN.split(":")[0]), is_bot: true, first_name: "FloorDb", username: "FloorDbBot" } as UserFromGetMe,
  });
  bot.use(async (ctx) => {
    const chat = ctx.chatId ?? ctx.from?.id;
    const user = ctx.from?.id;
    if (chat === undefined || user === undefined) return;
    const updateId = ctx.update.update_id;
    // A client per update, as the project opens one per request (db/client.ts): one kept for the isolate
    // queues requests past its limit (20 in flight) behind other updates' requests, and workerd cancels an
    // update left waiting on another's I/O as hung (seen at 20 concurrent with the release).
    const db = createClient({ url: env.LIBSQL_URL });
    const [mark] = await db.batch(
      [
        { sql: "SELECT update_id, replies, replies_lease_until FROM processed_updates WHERE update_id = ?", args: [updateId] },
        { sql: "SELECT * FROM users WHERE telegram_id = ?", args: [user] },
        { sql: "SELECT * FROM sessions WHERE telegram_id = ?", args: [user] },
      ],
      "read",
    );
    if (mark!.rows.length > 0) return;
    const now = Date.now();
    const reply = { method: "sendMessage", payload: { chat_id: chat, text: "ok" } };
    await db.batch(
      [
        {
          sql: "INSERT INTO processed_updates (update_id, processed_at, replies, replies_lease_until, replies_chat_id) VALUES (?, ?, ?, ?, ?)",
          args: [updateId, now, JSON.stringify([reply]), now + REPLY_LEASE_MS, chat],
        },
        {
          sql: `INSERT INTO sessions (telegram_id, state, version, expires_at, updated_at) VALUES (?, ?, 1, ?, ?)
                ON CONFLICT (telegram_id) DO UPDATE SET state = excluded.state, version = version + 1, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
          args: [user, JSON.stringify({ flow: "floor-db", update: updateId }), now + DAY, now],
        },
      ],
      "write",
    );
    await ctx.api.sendMessage(chat, reply.payload.text);
    if (release) {
      waitUntil(db.execute({ sql: "UPDATE processed_updates SET replies = NULL, replies_lease_until = NULL, replies_chat_id = NULL WHERE update_id = ?", args: [updateId] }));
    }
  });
  bots.set(release, bot);
  return bot;
}

type Env = { Bindings: FloorDbEnv };
const app = new Hono<Env>();

const webhook = (release: boolean) => (c: Context<Env>) =>
  webhookCallback(floorDbBot(c.env, release), "hono", { secretToken: c.env.TELEGRAM_WEBHOOK_SECRET })(c);
app.post("/telegram/webhook", webhook(false));
app.post("/release/telegram/webhook", webhook(true));

app.get("/healthz", (c) => c.json({ ok: true }));

export default app;
