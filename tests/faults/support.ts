// Breaking the fault suite's database on purpose (see tests/support/fault-db.ts), and posting
// updates with an execution context whose background work the test can wait for.
import { env } from "cloudflare:workers";
import { app, createApp } from "../../workers/app.ts";
import { webhookRequest } from "../worker/support/telegram.ts";

export async function dbControl(action: "fault" | "clear" | "stop" | "start" | "stats", fault?: { mode: "refuse" | "lose-answer"; after: number; times?: number }) {
  const response = await fetch(`${env.LIBSQL_URL}/__control/${action}`, {
    method: action === "stats" ? "GET" : "POST",
    ...(fault ? { headers: { "content-type": "application/json" }, body: JSON.stringify(fault) } : {}),
  });
  if (!response.ok) throw new Error(`db control ${action}: ${response.status}`);
  return (await response.json()) as { forwarded: number; refused: number; lost: number };
}

/** Waits until nothing reaches the database for a while, so an armed fault meets the request the test means. */
export async function settle(quietMs = 300) {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const { forwarded } = await dbControl("stats");
    if (forwarded === last) return;
    last = forwarded;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  throw new Error("the database never went quiet");
}

/**
 * Posts an update as Telegram would, then waits for what the Worker left running (the outbox
 * drain); `laterMs` posts it as if that much later (a redelivery after a while).
 */
export async function post(update: unknown, laterMs = 0): Promise<Response> {
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  const worker = laterMs ? createApp({ now: () => Date.now() + laterMs }) : app;
  const response = await worker.fetch(webhookRequest(update), env, ctx);
  await Promise.allSettled(pending);
  return response;
}
