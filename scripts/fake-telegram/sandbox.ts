// The sandbox (like Bot Framework Emulator): a page where a person chats with the bot as an
// investor or a specialist. Typed text and button taps become real Telegram Update JSON, posted
// to the Worker's webhook with the secret; the bot's messages come from the fake API's record.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RecordedCall } from "./server.ts";

export interface SandboxOptions {
  webhookUrl: string;
  secret: string;
  calls: (filter: { chatId?: number }) => RecordedCall[];
  /** The people the page offers (role, user id, name, label): the demo unit's, when seeded. */
  presets?: readonly SandboxPreset[];
}

export interface SandboxPreset {
  role: string;
  id: number;
  name: string;
  label: string;
}

const PAGE = readFileSync(new URL("./sandbox.html", import.meta.url), "utf8");
let updateId = Math.floor(Date.now() / 1000);
let messageId = 1;

function person(userId: number, name: string) {
  return { id: userId, is_bot: false, first_name: name.slice(0, 64) || "Tester", language_code: "en" };
}

export function buildTextUpdate(userId: number, name: string, text: string) {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: ++updateId,
    message: {
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: name },
      from: person(userId, name),
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

export function buildCallbackUpdate(userId: number, name: string, data: string, message: { message_id: number; text?: string }) {
  return {
    update_id: ++updateId,
    callback_query: {
      id: String(++updateId),
      from: person(userId, name),
      chat_instance: `sandbox-${userId}`,
      data,
      message: { message_id: message.message_id, date: Math.floor(Date.now() / 1000), chat: { id: userId, type: "private", first_name: name }, text: message.text ?? "" },
    },
  };
}

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

/** Serves the page and its JSON endpoints; returns false for paths that are not the sandbox's. */
export async function handleSandbox(req: IncomingMessage, res: ServerResponse, url: URL, options: SandboxOptions): Promise<boolean> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (req.method === "GET" && url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(PAGE);
    return true;
  }
  if (req.method === "GET" && url.pathname === "/sandbox/presets") {
    reply(200, (options.presets ?? []).map(({ role, id, name, label }) => ({ role, id, name, label })));
    return true;
  }
  if (req.method === "GET" && url.pathname === "/sandbox/chat") {
    const chatId = Number(url.searchParams.get("chat_id"));
    const after = Number(url.searchParams.get("after") ?? 0);
    const shown = options.calls({ chatId }).filter((c) => c.seq > after && c.status === 200 && /^(sendMessage|editMessageText|editMessageReplyMarkup|sendPhoto|sendDocument)$/.test(c.method));
    reply(200, shown.map((c) => ({ seq: c.seq, method: c.method, payload: c.payload, result: (c.response as { result?: unknown }).result })));
    return true;
  }
  if (req.method === "POST" && (url.pathname === "/sandbox/send" || url.pathname === "/sandbox/tap")) {
    const body = await json(req);
    const userId = Number(body.userId);
    const name = String(body.name ?? "Tester");
    if (!Number.isSafeInteger(userId) || userId <= 0) {
      reply(400, { error: "userId must be a positive integer" });
      return true;
    }
    const update =
      url.pathname === "/sandbox/send"
        ? buildTextUpdate(userId, name, String(body.text ?? ""))
        : buildCallbackUpdate(userId, name, String(body.data ?? ""), { message_id: Number(body.messageId ?? 1), text: String(body.messageText ?? "") });
    try {
      const response = await fetch(options.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": options.secret },
        body: JSON.stringify(update),
      });
      reply(200, { webhookStatus: response.status, update });
    } catch (error) {
      reply(502, { error: `webhook unreachable: ${(error as Error).message}` });
    }
    return true;
  }
  return false;
}
