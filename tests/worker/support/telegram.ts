// Updates delivered to the Worker as Telegram would, and a view of the fake Bot API's recorded calls.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Update } from "grammy/types";
import worker from "../../../workers/index.ts";

export { botMemberUpdate, callbackUpdate, textUpdate, uniqueId } from "../../support/updates.ts";

export const WEBHOOK_URL = "http://desk.test/telegram/webhook";

export function webhookRequest(body: unknown, secret: string | null = env.TELEGRAM_WEBHOOK_SECRET as string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret !== null) headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
  return new Request(WEBHOOK_URL, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/**
 * Posts an update through the Worker's real fetch handler, as Telegram would, then waits for what
 * it left running in waitUntil (the outbox drain). Background work must not outlive the test that
 * started it: a drain still running when its file ends logs from another I/O context, and the
 * Workers Vitest plugin parks that line until the runner's next message, which never comes, so
 * Vitest waits for it forever (cloudflare/workers-sdk#15498, #15719).
 * `settings` replace some of the Worker's settings for this update (e.g. a rotated key).
 */
export async function deliver(update: Update | unknown, secret?: string | null, settings: Record<string, string | undefined> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  // An incoming request (its cf properties are the runtime's, absent here) into the Worker's entry.
  const request = webhookRequest(update, secret) as Parameters<typeof worker.fetch>[0];
  const response = await worker.fetch(request, { ...env, ...settings }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export interface RecordedCall {
  seq: number;
  method: string;
  payload: Record<string, unknown>;
  status: number;
  response: unknown;
}

export async function callsTo(chatId: number, method?: string): Promise<RecordedCall[]> {
  const query = new URLSearchParams({ chat_id: String(chatId), ...(method ? { method } : {}) });
  const response = await fetch(`${env.TELEGRAM_API_ROOT}/__control/calls?${query}`);
  return (await response.json()) as RecordedCall[];
}

/** answerCallbackQuery carries no chat id: find it by the callback query's id. */
export async function callbackAnswers(update: Update): Promise<RecordedCall[]> {
  const response = await fetch(`${env.TELEGRAM_API_ROOT}/__control/calls?method=answerCallbackQuery`);
  const calls = (await response.json()) as RecordedCall[];
  return calls.filter((c) => c.payload.callback_query_id === update.callback_query?.id);
}

export async function injectFault(fault: { chatId?: number; method?: string; kind: string; retryAfter?: number; migrateTo?: number; times?: number }) {
  const response = await fetch(`${env.TELEGRAM_API_ROOT}/__control/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fault) });
  if (!response.ok) throw new Error(`fault refused: ${response.status}`);
}
