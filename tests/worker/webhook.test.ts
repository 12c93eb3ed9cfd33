import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleUpdate } from "../../workers/handle-update.ts";
import { app } from "../../workers/app.ts";
import { settingsOf } from "../../lib/settings.ts";
import { rows } from "./support/db.ts";
import { callbackAnswers, callbackUpdate, callsTo, deliver, textUpdate, uniqueId, webhookRequest } from "./support/telegram.ts";
import { registeredInvestor } from "./support/flows.ts";

const processedCount = async (updateId: number) =>
  (await rows<{ n: number }>("SELECT count(*) AS n FROM processed_updates WHERE update_id = ?", [updateId]))[0]!.n;

describe("POST /telegram/webhook: who may post", () => {
  it.each([
    ["a forged secret", "forged-secret-0123456789abcdef"],
    ["no secret", null],
    ["an empty secret", ""],
  ])("refuses %s with 401 and stores nothing", async (_label, secret) => {
    const user = uniqueId();
    const update = textUpdate(user, "/start");
    const response = await deliver(update, secret);
    expect(response.status).toBe(401);
    expect(await processedCount(update.update_id)).toBe(0);
    expect(await rows("SELECT 1 FROM users WHERE telegram_id = ?", [user])).toHaveLength(0);
    expect(await callsTo(user)).toHaveLength(0);
  });
});

describe("POST /telegram/webhook: what may be posted", () => {
  it("answers malformed JSON with 400 and a JSON error", async () => {
    const response = await deliver("{not json");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_request" });
  });

  it("answers an update without an integer update_id with 400", async () => {
    const response = await deliver({ update_id: "12", message: {} });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain("update_id");
  });

  it("refuses a body over 1 MB with 413", async () => {
    const update = textUpdate(uniqueId(), "x".repeat(1024 * 1024 + 10));
    const response = await deliver(update);
    expect(response.status).toBe(413);
    expect(await processedCount(update.update_id)).toBe(0);
  });

  it("marks an update of a kind it does not handle as processed, without replying", async () => {
    const user = uniqueId();
    const update = { update_id: uniqueId(), poll: { id: "p1", question: "?", options: [], total_voter_count: 0 } };
    const response = await deliver(update);
    expect(response.status).toBe(200);
    expect(await processedCount(update.update_id)).toBe(1);
    expect(await callsTo(user)).toHaveLength(0);
  });
});

describe("/start and the language choice", () => {
  it("stores the user and answers once in Chinese and English with a language choice", async () => {
    const user = uniqueId();
    const response = await deliver(textUpdate(user, "/start", { languageCode: "zh-hans" }));
    expect(response.status).toBe(200);
    const calls = await callsTo(user, "sendMessage");
    expect(calls).toHaveLength(1);
    const text = String(calls[0]!.payload.text);
    expect(text).toContain("欢迎");
    expect(text).toContain("Welcome");
    expect(text.indexOf("欢迎")).toBeLessThan(text.indexOf("Welcome"));
    const keyboard = JSON.stringify(calls[0]!.payload.reply_markup);
    expect(keyboard).toContain("lang:zh");
    expect(keyboard).toContain("lang:en");
    const [stored] = await rows<{ locale: string | null; phone: string | null }>(
      "SELECT locale, phone FROM users WHERE telegram_id = ?",
      [user],
    );
    expect(stored).toEqual({ locale: null, phone: null });
  });

  it("remembers the chosen language and puts it first afterwards", async () => {
    const user = uniqueId();
    await deliver(textUpdate(user, "/start"));
    const choice = callbackUpdate(user, "lang:en");
    expect((await deliver(choice)).status).toBe(200);
    expect(await rows("SELECT locale FROM users WHERE telegram_id = ?", [user])).toEqual([{ locale: "en" }]);
    expect(await callbackAnswers(choice)).toHaveLength(1);
    await deliver(textUpdate(user, "/start"));
    const last = (await callsTo(user, "sendMessage")).at(-1)!;
    const text = String(last.payload.text);
    expect(text.indexOf("Welcome")).toBeLessThan(text.indexOf("欢迎"));
  });

  it("costs two DB round trips", async () => {
    const report = await handleUpdate(textUpdate(uniqueId(), "/start"), settingsOf(env), Date.now());
    expect(report).toMatchObject({ outcome: "processed", roundTrips: 2, replies: 1 });
  });
});

describe("each update takes effect at most once", () => {
  it("delivered three times in a row: one effect, one reply", async () => {
    const user = uniqueId();
    const update = textUpdate(user, "/start");
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      const response = await deliver(update);
      expect(response.status).toBe(200);
      outcomes.push(((await response.json()) as { outcome: string }).outcome);
    }
    expect(outcomes).toEqual(["processed", "duplicate", "duplicate"]);
    expect(await callsTo(user, "sendMessage")).toHaveLength(1);
    expect(await processedCount(update.update_id)).toBe(1);
  });

  it("delivered three times at once: one effect, one reply", async () => {
    const user = uniqueId();
    const update = callbackUpdate(user, "lang:zh");
    const responses = await Promise.all([deliver(update), deliver(update), deliver(update)]);
    // One takes effect; another that finds it done while its replies may still be on their way
    // answers 503, so Telegram comes back later rather than lose them (see the fault suite).
    const outcomes = await Promise.all(responses.map(async (r) => (r.status === 200 ? ((await r.json()) as { outcome: string }).outcome : r.status)));
    expect(outcomes.filter((o) => o === "processed")).toHaveLength(1);
    expect(outcomes.every((o) => o === "processed" || o === "duplicate" || o === 503)).toBe(true);
    expect(await (await deliver(update)).json()).toMatchObject({ outcome: "duplicate" });
    expect(await callbackAnswers(update)).toHaveLength(1);
    // "Language set" and then the privacy notice: two messages, once each.
    expect((await callsTo(user, "sendMessage")).map((c) => String(c.payload.text).slice(0, 12))).toHaveLength(2);
  });
});

describe("after the response: the sent replies are let go", () => {
  afterEach(() => vi.restoreAllMocks());
  /** The statement that lets kept replies go (db/queries/kept-replies.ts), as it appears in a request's JSON. */
  const RELEASE = /update \\"processed_updates\\" set \\"replies\\" = \?, \\"replies_lease_until\\" = \?, \\"replies_chat_id\\" = \?/;

  /** The claim of due outbox rows (db/queries/outbox.ts, claimDueQuery), as it appears in a request's JSON. */
  const CLAIM = /update \\"outbox\\" set \\"attempts\\" = \\"outbox\\".\\"attempts\\" \+ 1, \\"lease_until\\"/;

  /** Posts `update` through the Worker's app, waits for its waitUntil work; the body of its commit and those it sent to the libSQL server after it. */
  async function afterResponse(update: unknown): Promise<{ commit: string; after: string[] }> {
    const pending: Promise<unknown>[] = [];
    const bodies: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      if (request.url.startsWith(String(env.LIBSQL_URL))) bodies.push(await request.clone().text());
      return realFetch(request);
    });
    const response = await app.fetch(webhookRequest(update), env, { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException() {} } as never);
    expect(response.status).toBe(200);
    await Promise.all(pending);
    const commit = bodies.findIndex((b) => /insert into \\"processed_updates\\"/.test(b));
    expect(commit).toBe(1);
    return { commit: bodies[commit]!, after: bodies.slice(commit + 1) };
  }

  it("when the update queued messages: its commit claims them, and its drain sends them and lets the replies go in the batch that records that", async () => {
    const { chat } = await registeredInvestor("en");
    await chat.send("/policy");
    await chat.send("Zero-tariff policy for imported equipment");
    await chat.send("Does a lease of equipment by a foreign-invested firm qualify?");
    const submit = callbackUpdate(chat.userId, await chat.buttonData("✔ Submit"));
    const { commit, after } = await afterResponse(submit);
    expect(commit).toMatch(CLAIM);
    const releasing = after.filter((b) => RELEASE.test(b));
    expect(releasing).toHaveLength(1);
    expect(releasing[0]).toMatch(/update \\"outbox\\" set/);
    expect(await rows("SELECT replies, replies_chat_id FROM processed_updates WHERE update_id = ?", [submit.update_id])).toEqual([{ replies: null, replies_chat_id: null }]);
  });

  it("on their own when the update queued nothing", async () => {
    const update = textUpdate(uniqueId(), "/start");
    const { commit, after } = await afterResponse(update);
    expect(commit).not.toMatch(CLAIM);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(RELEASE);
    expect(after[0]).not.toMatch(/outbox/);
    expect(await rows("SELECT replies FROM processed_updates WHERE update_id = ?", [update.update_id])).toEqual([{ replies: null }]);
  });
});

describe("what a log line costs (lib/log.ts)", () => {
  afterEach(() => vi.restoreAllMocks());
  const updateLines = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.map((args) => JSON.parse(String(args[0])) as Record<string, unknown>).filter((line) => line.event === "update");

  it("writes no line for a routine update, one for a redelivered one, with its outcome and round trips", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const update = textUpdate(uniqueId(), "/start");
    expect((await deliver(update)).status).toBe(200);
    expect(updateLines(log)).toEqual([]);
    expect((await deliver(update)).status).toBe(200);
    expect(updateLines(log)).toEqual([expect.objectContaining({ update_id: update.update_id, outcome: "duplicate", db_round_trips: 1 })]);
  });

  it("writes a line for every update with LOG_EVERY_UPDATE=1", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const update = textUpdate(uniqueId(), "/start");
    expect((await deliver(update, undefined, { LOG_EVERY_UPDATE: "1" })).status).toBe(200);
    expect(updateLines(log)).toEqual([expect.objectContaining({ update_id: update.update_id, outcome: "processed", db_round_trips: 2 })]);
  });

  it("writes a line when the update cannot be stored (503)", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const update = textUpdate(uniqueId(), "/start");
    const response = await app.fetch(webhookRequest(update), { ...env, LIBSQL_URL: "http://127.0.0.1:9" }, { waitUntil() {}, passThroughOnException() {} } as never);
    expect(response.status).toBe(503);
    expect(updateLines(log)).toEqual([expect.objectContaining({ update_id: update.update_id, outcome: "retry_later" })]);
  });
});

describe("when the database is unreachable", () => {
  const deadDb = () => ({ ...env, LIBSQL_URL: "http://127.0.0.1:9" });

  it("answers 503 so Telegram redelivers, and sends no reply", async () => {
    const user = uniqueId();
    const update = textUpdate(user, "/start");
    const response = await app.fetch(webhookRequest(update), deadDb(), { waitUntil() {}, passThroughOnException() {} } as never);
    expect(response.status).toBe(503);
    expect(await callsTo(user)).toHaveLength(0);
    // The redelivery, with the DB back, takes effect once.
    expect((await deliver(update)).status).toBe(200);
    expect(await callsTo(user, "sendMessage")).toHaveLength(1);
  });

  it("reports it on /healthz with 503", async () => {
    const response = await app.fetch(new Request("http://desk.test/healthz"), deadDb(), {} as never);
    expect(response.status).toBe(503);
    const healthy = await exports.default.fetch(new Request("http://desk.test/healthz"));
    expect(healthy.status).toBe(200);
  });
});

describe("settings", () => {
  it("names a missing or bad setting and the rule, without its value", async () => {
    const broken = { ...env, LIBSQL_URL: undefined, TELEGRAM_WEBHOOK_SECRET: "short" };
    const response = await app.fetch(new Request("http://desk.test/healthz"), broken, {} as never);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { issues: { setting: string; rule: string }[] };
    expect(body.issues.map((i) => i.setting).sort()).toEqual(["LIBSQL_URL", "TELEGRAM_WEBHOOK_SECRET"]);
    expect(JSON.stringify(body)).not.toContain("short");
  });
});
