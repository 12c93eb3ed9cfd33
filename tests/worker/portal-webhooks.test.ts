// Case events POSTed to the Hainan Free Trade Port International Service Portal: signed, once each, in order, nothing personal.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../workers/app.ts";
import { portalSignature } from "../../workers/outbox/portal.ts";
import { drainShared } from "./support/chat.ts";
import { bj, tick } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";
import { injectFault, type RecordedCall } from "./support/telegram.ts";

interface Hook {
  headers: Record<string, string>;
  raw: string;
}

async function portalCalls(ref: string): Promise<(RecordedCall & { payload: Hook })[]> {
  const response = await fetch(`${env.TELEGRAM_API_ROOT}/__control/calls?method=hook:portal`);
  const calls = (await response.json()) as (RecordedCall & { payload: Hook })[];
  return calls.filter((c) => (JSON.parse(c.payload.raw) as { case: { ref: string } }).case.ref === ref);
}

/** Waits for the drain the Worker runs after answering, or failing that for what the next tick would send. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
    if (i % 10 === 9) await drainShared();
  }
  return read();
}

const events = (calls: { payload: Hook; status: number }[]) =>
  calls.filter((c) => c.status === 204).map((c) => JSON.parse(c.payload.raw) as { id: string; type: string; case: Record<string, unknown> });

// A tick turns the database's portal events on (PORTAL_WEBHOOK_URL is set in these tests).
beforeAll(async () => {
  await tick(bj("2026-11-20", "10:00:00"));
});

describe("portal webhooks", () => {
  it("sends each change once, signed with HMAC-SHA256, with the case's ref, kind and status and nothing personal", async () => {
    const { chat, uscc } = await registeredInvestor("en");
    const filed = await filePolicyQuestion(chat);
    await chat.send(`/status ${filed.ref}`);
    await chat.tap("Withdraw");
    await chat.send("Solved it ourselves");

    const calls = await eventually(() => portalCalls(filed.ref), (c) => events(c).length >= 2);
    expect(events(calls)).toEqual([
      { id: expect.stringMatching(/^portal:/), type: "case.received", occurred_at: expect.any(Number), case: { ref: filed.ref, kind: "policy", status: expect.any(String), previous_status: null } },
      { id: expect.stringMatching(/^portal:/), type: "case.status_changed", occurred_at: expect.any(Number), case: { ref: filed.ref, kind: "policy", status: "withdrawn", previous_status: expect.any(String) } },
    ]);
    for (const call of calls) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(call.payload.headers["x-desk-signature"]!)!;
      expect(v1).toBe(await portalSignature(env.PORTAL_WEBHOOK_SECRET as string, Number(t), call.payload.raw));
      expect(call.payload.headers["x-desk-event-id"]).toBe(JSON.parse(call.payload.raw).id);
      expect(call.payload.raw).not.toMatch(new RegExp(`${uscc}|Jane Doe|13800138000|Solved it|${chat.userId}`));
    }
  });

  it("retries an event the portal answers with 500, keeping the case's events in order; a 400 is dead-lettered at once", async () => {
    const { chat } = await registeredInvestor("en");
    await injectFault({ method: "hook:portal", kind: "500" });
    const filed = await filePolicyQuestion(chat);
    const portalRows = () => rows<{ status: string; last_error: string | null }>("SELECT status, last_error FROM outbox WHERE case_id = ? AND channel = 'portal' ORDER BY id", [filed.id]);
    expect(await eventually(portalRows, (r) => r[0]?.last_error != null)).toEqual([{ status: "pending", last_error: "portal answered 500" }]);
    // Back-off is 5 s on the drain's own clock: a tick a minute later sends it.
    const [row] = await rows<{ next_attempt_at: number }>("SELECT next_attempt_at FROM outbox WHERE case_id = ? AND channel = 'portal'", [filed.id]);
    await tick(row!.next_attempt_at + 60_000);
    expect(events(await portalCalls(filed.ref)).map((e) => e.type)).toEqual(["case.received"]);

    await injectFault({ method: "hook:portal", kind: "400" });
    await chat.send(`/status ${filed.ref}`);
    await chat.tap("Withdraw");
    await chat.send("Solved it ourselves");
    expect(await eventually(portalRows, (r) => r[1]?.status === "dead")).toEqual([
      { status: "sent", last_error: null },
      { status: "dead", last_error: "portal answered 400" },
    ]);
  });

  it("refuses PORTAL_WEBHOOK_URL without its secret, naming the missing setting", async () => {
    const response = await app.fetch(new Request("http://desk.test/healthz"), { ...env, PORTAL_WEBHOOK_SECRET: undefined }, {} as never);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ issues: [{ setting: "PORTAL_WEBHOOK_SECRET", rule: "is required when the other PORTAL_WEBHOOK_ setting is set" }] });
  });
});
