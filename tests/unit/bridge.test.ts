import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBridge } from "../../scripts/bridge.ts";
import { startFakeTelegram, type FakeTelegram } from "../../scripts/fake-telegram/server.ts";

let fake: FakeTelegram;
let statuses: number[] = [];
const seen: number[] = [];
const hook = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const status = statuses.shift() ?? 200;
    if (req.headers["x-telegram-bot-api-secret-token"] === "bridge-secret-0123456789" && status === 200) seen.push(JSON.parse(body).update_id);
    res.writeHead(status).end("{}");
  });
});
let webhookUrl = "";

beforeAll(async () => {
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  webhookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/telegram/webhook`;
  fake = await startFakeTelegram();
});
afterAll(async () => {
  await fake.close();
  hook.close();
});

describe("polling bridge", () => {
  it("forwards each update once, retrying a 5xx, and only then moves the offset", async () => {
    statuses = [503];
    await fetch(`${fake.url}/__control/updates`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ update_id: 10 }, { update_id: 11 }]) });
    const controller = new AbortController();
    const running = runBridge({ token: fake.token, apiRoot: fake.url, webhookUrl, secret: "bridge-secret-0123456789", timeoutSeconds: 1 }, controller.signal);
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => fake.calls({ method: "getUpdates" }).some((c) => Number(c.payload.offset) === 12), { timeout: 5000 }).toBe(true);
    controller.abort();
    await running;
    expect(seen).toEqual([10, 11]);
    expect(fake.calls({ method: "deleteWebhook" })).toHaveLength(1);
    const offsets = fake.calls({ method: "getUpdates" }).map((c) => Number(c.payload.offset));
    expect(offsets[0]).toBe(0);
    expect(offsets).not.toContain(11);
  });
});
