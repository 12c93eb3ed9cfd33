import { Api, GrammyError } from "grammy";
import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../../scripts/fake-telegram/server.ts";

let fake: FakeTelegram;
let received: { headers: Record<string, unknown>; body: Record<string, unknown> }[] = [];
const hook = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body: JSON.parse(body) });
    res.end("{}");
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
  const port = (hook.address() as { port: number }).port;
  fake = await startFakeTelegram({ webhook: { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: "sandbox-secret-0123456789" } });
});
afterAll(async () => {
  await fake.close();
  hook.close();
});

describe("fake Telegram Bot API", () => {
  it("answers like Telegram, with per-chat message ids grammY accepts", async () => {
    const api = new Api(fake.token, { apiRoot: fake.url });
    const first = await api.sendMessage(501, "<b>hi</b>", { parse_mode: "HTML" });
    const second = await api.sendMessage(501, "again");
    const other = await api.sendMessage(502, "elsewhere");
    expect([first.message_id, second.message_id, other.message_id]).toEqual([1, 2, 1]);
    expect(first.chat).toMatchObject({ id: 501, type: "private" });
    expect(fake.calls({ chatId: 501 }).map((c) => c.method)).toEqual(["sendMessage", "sendMessage"]);
  });

  it.each([
    ["429", 429, /Too Many Requests: retry after 3/],
    ["403", 403, /bot was blocked by the user/],
    ["500", 500, /Internal Server Error/],
  ] as const)("answers %s when told to, then recovers", async (kind, code, description) => {
    const api = new Api(fake.token, { apiRoot: fake.url });
    fake.inject({ chatId: 600 + code, kind, retryAfter: 3 });
    const error = await api.sendMessage(600 + code, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(code);
    expect((error as GrammyError).description).toMatch(description);
    if (kind === "429") expect((error as GrammyError).parameters.retry_after).toBe(3);
    expect((await api.sendMessage(600 + code, "ok")).message_id).toBeGreaterThan(0);
  });

  it("hangs when told to, until the client gives up", async () => {
    fake.inject({ chatId: 700, kind: "hang" });
    const started = Date.now();
    const outcome = await fetch(`${fake.url}/bot${fake.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: 700, text: "x" }),
      signal: AbortSignal.timeout(300),
    }).catch((e: Error) => e.name);
    expect(outcome).toBe("TimeoutError");
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("refuses a wrong token, an empty text and a text over 4096 characters", async () => {
    const wrong = await fetch(`${fake.url}/bot123:wrong/getMe`);
    expect(wrong.status).toBe(401);
    const api = new Api(fake.token, { apiRoot: fake.url });
    await expect(api.sendMessage(800, "")).rejects.toThrow(/message text is empty/);
    await expect(api.sendMessage(800, "x".repeat(4097))).rejects.toThrow(/message is too long/);
  });

  it("keeps the refusals by Telegram's rules across a reset (the suite's teardown fails on any), not injected faults", async () => {
    const api = new Api(fake.token, { apiRoot: fake.url });
    const before = fake.refusals().length;
    fake.inject({ method: "sendMessage", kind: "400" });
    await expect(api.sendMessage(801, "ok")).rejects.toThrow(/chat not found/);
    await expect(api.sendMessage(801, "<b>open", { parse_mode: "HTML" })).rejects.toThrow(/can't parse entities/);
    fake.reset();
    expect(fake.refusals().slice(before).map((c) => [c.method, c.payload.chat_id])).toEqual([["sendMessage", 801]]);
  });
});

describe("sandbox", () => {
  it("serves the page", async () => {
    const page = await fetch(`${fake.url}/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Sandbox");
  });

  it("turns typed text into a real Update posted with the secret", async () => {
    received = [];
    const response = await fetch(`${fake.url}/sandbox/send`, { method: "POST", body: JSON.stringify({ userId: 4242, name: "Li", text: "/status HN-2026-000001" }) });
    expect(((await response.json()) as { webhookStatus: number }).webhookStatus).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers["x-telegram-bot-api-secret-token"]).toBe("sandbox-secret-0123456789");
    expect(received[0]!.body).toMatchObject({
      update_id: expect.any(Number),
      message: { chat: { id: 4242, type: "private" }, from: { id: 4242, is_bot: false, first_name: "Li" }, text: "/status HN-2026-000001", entities: [{ type: "bot_command", offset: 0, length: 7 }] },
    });
  });

  it("turns a tap into a callback_query and shows the bot's messages to that chat", async () => {
    received = [];
    await fetch(`${fake.url}/sandbox/tap`, { method: "POST", body: JSON.stringify({ userId: 4242, name: "Li", data: "lang:en", messageId: 3 }) });
    expect(received[0]!.body).toMatchObject({ callback_query: { from: { id: 4242 }, data: "lang:en", message: { message_id: 3 } } });
    await new Api(fake.token, { apiRoot: fake.url }).sendMessage(4242, "Language set to English.");
    const chat = (await (await fetch(`${fake.url}/sandbox/chat?chat_id=4242`)).json()) as { payload: { text: string } }[];
    expect(chat.map((m) => m.payload.text)).toEqual(["Language set to English."]);
  });

  it("refuses a bad user id", async () => {
    const response = await fetch(`${fake.url}/sandbox/send`, { method: "POST", body: JSON.stringify({ userId: -1, text: "hi" }) });
    expect(response.status).toBe(400);
  });
});

describe("fake Telegram: parse_mode HTML, as Telegram parses it", () => {
  it.each([
    ["an unknown tag", "<script>x</script>", /Unsupported start tag "script"/],
    ["a bare <", "a < b", /can't parse entities/],
    ["an unclosed tag", "<b>bold", /Can't find end tag corresponding to start tag "b"/],
    ["crossed tags", "<b><i>x</b></i>", /Unexpected end tag/],
    ["an unsupported named entity", "&nbsp;", /Unsupported HTML entity/],
  ])("refuses %s with 400 can't parse entities", async (_label, text, description) => {
    const api = new Api(fake.token, { apiRoot: fake.url });
    const error = await api.sendMessage(601, text, { parse_mode: "HTML" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(400);
    expect((error as GrammyError).description).toMatch(description);
  });

  it("accepts escaped text and counts the 4,096 limit after parsing", async () => {
    const api = new Api(fake.token, { apiRoot: fake.url });
    // 4,096 characters once "&lt;" is read as "<": accepted, though the HTML is longer.
    const atLimit = "&lt;".repeat(4096);
    expect((await api.sendMessage(602, atLimit, { parse_mode: "HTML" })).message_id).toBe(1);
    const over = await api.sendMessage(602, `<b>${"x".repeat(4097)}</b>`, { parse_mode: "HTML" }).catch((e: unknown) => e);
    expect((over as GrammyError).description).toBe("Bad Request: message is too long");
    // Without parse_mode, tags are just text.
    expect((await api.sendMessage(602, "<script>")).message_id).toBe(2);
  });
});
