// A fake Telegram Bot API for tests and the sandbox: Telegram's result objects and errors
// (429 with retry_after, 403 for blocked bots), per-chat message ids, and a record of every call.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { parseTelegramHtml, TEXT_LIMIT } from "../../lib/telegram-text.ts";
import { handleSandbox, type SandboxPreset } from "./sandbox.ts";

export interface RecordedCall { seq: number; at: number; method: string; payload: Record<string, unknown>; status: number; response: unknown }
/**
 * "migrated": the group became a supergroup (400 with parameters.migrate_to_chat_id = `migrateTo`).
 * For the fake Workers AI (method "ai:run"): "500" fails, "hang" never answers, "empty" answers without a translation.
 */
export interface Fault { method?: string; chatId?: number; kind: "429" | "403" | "500" | "hang" | "400" | "migrated" | "empty"; retryAfter?: number; migrateTo?: number; times?: number }
export interface FakeTelegramOptions {
  port?: number;
  host?: string;
  token?: string;
  botUsername?: string;
  /** Enforce Telegram's rate limits (429 with retry_after when exceeded), for benchmarks. */
  limits?: { globalPerSecond: number; privatePerSecond: number; groupPerMinute: number };
  /** Serves the sandbox page at / and posts the updates it builds to this webhook. */
  webhook?: { url: string; secret: string; presets?: readonly SandboxPreset[] };
}
export interface FakeTelegram {
  url: string;
  token: string;
  calls(filter?: { method?: string; chatId?: number }): RecordedCall[];
  /** Calls refused by Telegram's own rules (length, HTML, empty text, unknown method), not by an injected fault;
   * kept across `reset`, so a whole test run can be checked for messages Telegram would refuse. */
  refusals(): RecordedCall[];
  inject(fault: Fault): void;
  reset(): void;
  close(): Promise<void>;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(req);
  if (!text) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(text);
  return Object.fromEntries(new URLSearchParams(text));
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? "7000000000:FAKE_token_0123456789abcdefghij";
  const botId = Number(token.split(":")[0]);
  const bot = { id: botId, is_bot: true, first_name: "Desk", username: options.botUsername ?? "FakeDeskBot" };
  let calls: RecordedCall[] = [];
  const refusals: RecordedCall[] = [];
  let faults: (Fault & { left: number })[] = [];
  let seq = 0;
  let queued: { update_id: number }[] = [];
  const nextMessageId = new Map<number, number>();
  const hanging = new Set<ServerResponse>();
  const sentAt: number[] = [];
  const sentToChat = new Map<number, number[]>();
  /** ms until a message to `chatId` would be within the limits (0: now). */
  const overLimit = (chatId: number, now: number): number => {
    const limits = options.limits;
    if (!limits) return 0;
    const recent = sentAt.filter((t) => t > now - 1000);
    const chat = (sentToChat.get(chatId) ?? []).filter((t) => t > now - (chatId > 0 ? 1000 : 60_000));
    if (recent.length >= limits.globalPerSecond) return recent[0]! + 1000 - now;
    if (chatId > 0 && chat.length >= limits.privatePerSecond) return chat[0]! + 1000 - now;
    if (chatId < 0 && chat.length >= limits.groupPerMinute) return chat[0]! + 60_000 - now;
    return 0;
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const message = (chatId: number, payload: Record<string, unknown>) => {
    const id = (nextMessageId.get(chatId) ?? 0) + 1;
    nextMessageId.set(chatId, id);
    return {
      message_id: id,
      from: bot,
      chat: chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" },
      date: Math.floor(Date.now() / 1000),
      ...(payload.text !== undefined ? { text: payload.text } : {}),
      ...(payload.reply_markup ? { reply_markup: typeof payload.reply_markup === "string" ? JSON.parse(payload.reply_markup) : payload.reply_markup } : {}),
    };
  };
  const results: Record<string, (p: Record<string, unknown>) => unknown> = {
    getme: () => bot,
    sendmessage: (p) => message(Number(p.chat_id), p),
    editmessagetext: (p) => ({ ...message(Number(p.chat_id), p), message_id: Number(p.message_id) }),
    editmessagereplymarkup: (p) => ({ ...message(Number(p.chat_id), p), message_id: Number(p.message_id) }),
    answercallbackquery: () => true,
    setwebhook: () => true,
    deletewebhook: () => true,
    getwebhookinfo: () => ({ url: "", has_custom_certificate: false, pending_update_count: 0 }),
    setmycommands: () => true,
    getupdates: (p) => {
      const offset = Number(p.offset ?? 0);
      queued = queued.filter((u) => u.update_id >= offset);
      return queued.slice(0, Number(p.limit ?? 100));
    },
  };

  /**
   * A stand-in for the Workers AI binding's run() (workers/translator.ts posts {model, inputs}): m2m100's
   * input checked as the service checks it, its output `{ translated_text }`; recorded as method
   * "ai:run". The "translation" is the text marked with its direction, so tests and the sandbox can tell.
   */
  const fakeAi = async (req: IncomingMessage, res: ServerResponse) => {
    const { model, inputs } = (await readBody(req)) as { model?: string; inputs?: { text?: unknown; source_lang?: unknown; target_lang?: unknown } };
    const record = (status: number, response: unknown) => {
      calls.push({ seq: ++seq, at: Date.now(), method: "ai:run", payload: { model, ...inputs }, status, response });
      send(res, status, response);
    };
    if (model !== "@cf/meta/m2m100-1.2b") return record(400, { errors: [{ code: 5007, message: `No such model ${model}` }] });
    if (typeof inputs?.text !== "string" || typeof inputs.target_lang !== "string") {
      return record(400, { errors: [{ code: 5006, message: "Error: required properties at '/' are 'text,target_lang'" }] });
    }
    const fault = faults.find((f) => f.left > 0 && f.method === "ai:run");
    if (fault) fault.left -= 1;
    if (fault?.kind === "hang") {
      calls.push({ seq: ++seq, at: Date.now(), method: "ai:run", payload: { model, ...inputs }, status: 0, response: null });
      hanging.add(res);
      return;
    }
    if (fault?.kind === "empty") return record(200, {});
    if (fault) return record(500, { errors: [{ code: 3040, message: "Capacity temporarily exceeded, please try again." }] });
    const from = typeof inputs.source_lang === "string" ? inputs.source_lang : "en";
    return record(200, { translated_text: `[${from}→${inputs.target_lang}] ${inputs.text}` });
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (options.webhook && (url.pathname === "/" || url.pathname.startsWith("/sandbox/"))) {
      const sandbox = { webhookUrl: options.webhook.url, secret: options.webhook.secret, calls: (f: { chatId?: number }) => api.calls(f), presets: options.webhook.presets ?? [] };
      if (await handleSandbox(req, res, url, sandbox)) return;
    }
    if (url.pathname === "/__control/calls") {
      const method = url.searchParams.get("method") ?? undefined;
      const chat = url.searchParams.get("chat_id");
      return send(res, 200, api.calls({ method, chatId: chat ? Number(chat) : undefined }));
    }
    if (url.pathname === "/__control/faults" && req.method === "POST") {
      const fault = (await readBody(req)) as unknown as Fault;
      if (!["429", "403", "500", "hang", "400", "migrated", "empty"].includes(fault.kind)) return send(res, 400, { ok: false, description: "unknown fault kind" });
      api.inject(fault);
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__control/updates" && req.method === "POST") {
      const body = (await readBody(req)) as unknown as { update_id: number }[];
      queued.push(...body);
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__control/reset" && req.method === "POST") {
      api.reset();
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__ai/run" && req.method === "POST") return fakeAi(req, res);
    // Any other service's webhook (e.g. the portal's): recorded as method "hook:<name>" with its
    // headers and raw body, so a test can check the signature; faults apply as to Bot API methods.
    const hook = /^\/__hooks\/([a-z-]+)$/.exec(url.pathname);
    if (hook && req.method === "POST") {
      const method = `hook:${hook[1]}`;
      const payload = { headers: { ...req.headers }, raw: await readText(req) };
      const fault = faults.find((f) => f.left > 0 && f.method === method);
      if (fault) fault.left -= 1;
      const status = fault ? (fault.kind === "hang" ? 500 : fault.kind === "migrated" ? 400 : Number(fault.kind)) : 204;
      calls.push({ seq: ++seq, at: Date.now(), method, payload, status, response: null });
      res.writeHead(status).end();
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== token) return send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    const payload = await readBody(req);
    const record = (status: number, response: unknown) => {
      calls.push({ seq: ++seq, at: Date.now(), method, payload, status, response });
      send(res, status, response);
    };
    const refuse = (status: number, description: string) => {
      record(status, { ok: false, error_code: status, description });
      refusals.push(calls[calls.length - 1]!);
    };
    const chatId = payload.chat_id === undefined ? undefined : Number(payload.chat_id);
    const fault = faults.find((f) => f.left > 0 && (!f.method || f.method.toLowerCase() === method.toLowerCase()) && (f.chatId === undefined || f.chatId === chatId));
    if (fault) {
      fault.left -= 1;
      if (fault.kind === "hang") {
        calls.push({ seq: ++seq, at: Date.now(), method, payload, status: 0, response: null });
        hanging.add(res);
        return;
      }
      const errors = {
        "429": [429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${fault.retryAfter ?? 1}`, parameters: { retry_after: fault.retryAfter ?? 1 } }],
        "403": [403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }],
        "500": [500, { ok: false, error_code: 500, description: "Internal Server Error" }],
        "400": [400, { ok: false, error_code: 400, description: "Bad Request: chat not found" }],
        migrated: [
          400,
          { ok: false, error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: fault.migrateTo ?? -1_000_000_000_000 } },
        ],
      } as const;
      // "empty" is the fake AI's; a Bot API method given it fails as with "500".
      const [status, body] = errors[fault.kind === "empty" ? "500" : fault.kind];
      return record(status, body);
    }
    if (method.toLowerCase() === "getupdates") {
      // Long polling: hold the request until an update is queued or the timeout passes.
      const until = Date.now() + Math.min(Number(payload.timeout ?? 0), 50) * 1000;
      while (Date.now() < until && !queued.some((u) => u.update_id >= Number(payload.offset ?? 0)) && !req.destroyed) {
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    if (chatId !== undefined && method.toLowerCase() === "sendmessage") {
      const now = Date.now();
      const wait = overLimit(chatId, now);
      if (wait > 0) {
        const retryAfter = Math.max(1, Math.ceil(wait / 1000));
        return record(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
      }
      sentAt.push(now);
      if (sentAt.length > 1000) sentAt.splice(0, sentAt.length - 1000);
      sentToChat.set(chatId, [...(sentToChat.get(chatId) ?? []), now].slice(-30));
    }
    const result = results[method.toLowerCase()];
    if (!result) return refuse(404, "Not Found: method not found");
    if (method.toLowerCase() === "sendmessage" && !payload.text) return refuse(400, "Bad Request: message text is empty");
    if (typeof payload.text === "string") {
      const parsed = payload.parse_mode === "HTML" ? parseTelegramHtml(payload.text) : { ok: true as const, text: payload.text };
      if (!parsed.ok) return refuse(400, parsed.description);
      if (parsed.text.length > TEXT_LIMIT) return refuse(400, "Bad Request: message is too long");
    }
    record(200, { ok: true, result: result(payload) });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const api: FakeTelegram = {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    token,
    calls: (filter = {}) =>
      calls.filter((c) => (!filter.method || c.method === filter.method) && (filter.chatId === undefined || Number(c.payload.chat_id) === filter.chatId)),
    refusals: () => [...refusals],
    inject: (fault) => faults.push({ ...fault, left: fault.times ?? 1 }),
    reset: () => {
      calls = [];
      faults = [];
      nextMessageId.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}

/** `node scripts/fake-telegram/server.ts --port 8790 [--token …]`: the fake API on its own, for benchmarks. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const fake = await startFakeTelegram({ port: Number(arg("port") ?? 0), ...(arg("token") ? { token: arg("token")! } : {}) });
  console.log(JSON.stringify({ event: "fake_telegram_ready", url: fake.url }));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
