// The group robots' pure parts and the fakes that stand for the vendors: formatting from Telegram
// HTML (layout kept, WeCom's 4,096-byte parts), DingTalk's signature against an independent
// computation, what each vendor's error codes mean, sealed credentials, the per-robot minute, and
// the fake servers refusing what the vendors refuse.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "../../lib/crypto.ts";
import { dingtalkBody, dingtalkSend, dingtalkSign, dingtalkVerdict } from "../../lib/robots/dingtalk.ts";
import { markdownOf, splitBytes, titleOf, utf8Length } from "../../lib/robots/markdown.ts";
import { wecomBodies, wecomPost, wecomVerdict } from "../../lib/robots/wecom.ts";
import { startFakeRobots, type FakeRobots } from "../../scripts/fake-robots/server.ts";
import type { OutboxRow } from "../../workers/outbox/claim.ts";
import { RobotChannel } from "../../workers/outbox/channels/robots.ts";

const DOCUMENT = "<b>提醒敦促函</b>\n琼营商督〔2026〕12号\n\n三亚市营商环境建设局：\n　　你单位承办的 <a href=\"http://desk.test/s/x\">HN-2026-000123</a> &lt;逾期&gt; &amp; 未办结。\n<code>2026年11月9日前</code>";

describe("markdown from Telegram HTML", () => {
  it("keeps every line, bold, links and code; unescapes entities; URL buttons become links", () => {
    const md = markdownOf(DOCUMENT, [{ text: "查看", url: "http://desk.test/web/cases/HN-2026-000123" }]);
    expect(md.split("\n")).toEqual([
      "**提醒敦促函**",
      "琼营商督〔2026〕12号",
      "",
      "三亚市营商环境建设局：",
      "　　你单位承办的 [HN-2026-000123](http://desk.test/s/x) <逾期> & 未办结。",
      "`2026年11月9日前`",
      "",
      "[查看](http://desk.test/web/cases/HN-2026-000123)",
    ]);
    // DingTalk joins bare newlines: each non-empty line ends with a hard break.
    expect(markdownOf("a\n\nb", [], true)).toBe("a  \n\nb  ");
    expect(titleOf(DOCUMENT)).toBe("提醒敦促函");
  });

  it("splits at line ends into parts of at most the given bytes, a long line by characters, nothing lost", () => {
    const text = ["第一行".repeat(100), "第二行".repeat(500), "end"].join("\n");
    const parts = splitBytes(text, 4096);
    expect(parts.every((p) => utf8Length(p) <= 4096)).toBe(true);
    expect(parts.join("").replace(/\n/g, "")).toBe(text.replace(/\n/g, ""));
    expect(splitBytes("short", 4096)).toEqual(["short"]);
  });
});

describe("DingTalk", () => {
  it("signs as its documentation's example does: base64 HMAC-SHA256 of \"<timestamp>\\n<secret>\", URL-encoded", async () => {
    const expected = encodeURIComponent(createHmac("sha256", "SECabc").update("1700000000000\nSECabc").digest("base64"));
    expect(await dingtalkSign("SECabc", 1700000000000)).toBe(expected);
  });

  it("sends markdown with a title and the @-mentions in the text and in at.atMobiles", () => {
    expect(dingtalkBody({ html: DOCUMENT, mentions: ["13800138000"] })).toMatchObject({
      msgtype: "markdown",
      markdown: { title: "提醒敦促函", text: expect.stringMatching(/\n\n@13800138000$/) },
      at: { atMobiles: ["13800138000"], isAtAll: false },
    });
  });

  it("maps its error codes: throttled waits 10 minutes, busy retries, a wrong secret or token gives up", () => {
    expect(dingtalkVerdict({ errcode: 0, errmsg: "ok" })).toEqual({ result: "sent" });
    expect(dingtalkVerdict({ errcode: 130101, errmsg: "send too fast" })).toMatchObject({ result: "retry", afterMs: 600_000 });
    expect(dingtalkVerdict({ errcode: -1, errmsg: "busy" })).toMatchObject({ result: "retry" });
    expect(dingtalkVerdict({ errcode: 310000, errmsg: "sign not match" })).toEqual({ result: "give_up", error: "dingtalk 310000 sign not match" });
    expect(dingtalkVerdict({ errcode: 300001, errmsg: "token is not exist" }).result).toBe("give_up");
  });
});

describe("WeCom", () => {
  it("markdown in parts of at most 4,096 bytes; a text with mentioned_mobile_list when mentions are given and it fits 2,048 bytes", () => {
    const long = Array.from({ length: 40 }, (_, i) => `第${i}行：${"内容".repeat(40)}`).join("\n");
    const parts = wecomBodies({ html: long, mentions: [] }) as { msgtype: string; markdown: { content: string } }[];
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.msgtype === "markdown" && utf8Length(p.markdown.content) <= 4096)).toBe(true);
    expect(wecomBodies({ html: "<b>提醒</b>", mentions: ["13800138000"] })).toEqual([{ msgtype: "text", text: { content: "提醒", mentioned_mobile_list: ["13800138000"] } }]);
  });

  it("maps its error codes: 45009 waits a minute, 93000 (a wrong key) gives up", () => {
    expect(wecomVerdict({ errcode: 45009, errmsg: "api freq out of limit" })).toMatchObject({ result: "retry", afterMs: 60_000 });
    expect(wecomVerdict({ errcode: 93000, errmsg: "invalid webhook url" })).toEqual({ result: "give_up", error: "wecom 93000 invalid webhook url" });
  });
});

describe("sealed credentials", () => {
  it("open with the same key and context only; the ciphertext holds no plaintext", async () => {
    const key = "k".repeat(32);
    const sealed = await sealSecret(key, '{"key":"wecom-key-123456789"}', "robot:unit:a");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("wecom-key");
    expect(await openSecret(key, sealed, "robot:unit:a")).toBe('{"key":"wecom-key-123456789"}');
    await expect(openSecret(key, sealed, "robot:unit:b")).rejects.toThrow();
    await expect(openSecret("x".repeat(32), sealed, "robot:unit:a")).rejects.toThrow();
  });
});

describe("a robot's minute", () => {
  const row = (id: number): OutboxRow => ({
    id, dedupeKey: `k${id}`, chatId: 7, channel: "dingtalk", chatKind: "group", method: "sendMessage", payload: { text: `m${id}` }, caseId: null,
    aboutTelegramId: null, status: "pending", attempts: 1, nextAttemptAt: 0, leaseUntil: null, lastError: null, createdAt: 0, sentAt: null, deadAt: null,
  });
  it("lets 20 go, then waits until the oldest of the minute (seeded from earlier drains) has passed", () => {
    const robot = { id: 7, kind: "dingtalk" as const, credential: "", context: "", mentions: [], recent: [1_000, 2_000] };
    const channel = new RobotChannel({ key: undefined, dingtalkRoot: "", wecomRoot: "", timeoutMs: 1 }, new Map([[7, robot]]));
    expect(channel.waitFor(row(1), 5_000)).toBe(0);
    const seeded = new RobotChannel({ key: undefined, dingtalkRoot: "", wecomRoot: "", timeoutMs: 1 }, new Map([[7, { ...robot, recent: Array.from({ length: 20 }, (_, i) => 1_000 + i) }]]));
    expect(seeded.waitFor(row(1), 5_000)).toBe(1_000 + 60_050 - 5_000);
    expect(seeded.waitFor(row(1), 61_051)).toBe(0);
  });
});

describe("the fake robots", () => {
  let fake: FakeRobots;
  beforeAll(async () => {
    fake = await startFakeRobots();
    fake.add({ vendor: "dingtalk", accessToken: "tok", secret: "SECright" });
    fake.add({ vendor: "wecom", key: "key-1" });
  });
  afterAll(() => fake.close());
  const message = { html: "hi", mentions: [] };

  it("DingTalk: refuses a wrong signature, a timestamp over an hour off, an unknown token; takes 20 a minute, then 130101", async () => {
    expect(await dingtalkSend(fake.url, { accessToken: "tok", secret: "SECwrong" }, message, Date.now(), 2_000)).toMatchObject({ errcode: 310000, errmsg: "sign not match" });
    expect(await dingtalkSend(fake.url, { accessToken: "tok", secret: "SECright" }, message, Date.now() - 3_700_000, 2_000)).toMatchObject({ errcode: 310000, errmsg: "invalid timestamp" });
    expect(await dingtalkSend(fake.url, { accessToken: "nope", secret: "SECright" }, message, Date.now(), 2_000)).toMatchObject({ errcode: 300001 });
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await dingtalkSend(fake.url, { accessToken: "tok", secret: "SECright" }, message, Date.now(), 2_000)).errcode);
    expect(answers).toEqual([...Array(20).fill(0), 130101]);
    // Recorded, taken or refused: the wrong signature, the stale timestamp and the 21.
    expect(fake.received("tok").map((r) => r.errcode)).toEqual([310000, 310000, ...Array(20).fill(0), 130101]);
  });

  it("WeCom: refuses an unknown key (93000), markdown over 4,096 bytes (40058); takes 20 a minute, then 45009", async () => {
    expect(await wecomPost(fake.url, "nope", { msgtype: "markdown", markdown: { content: "x" } }, 2_000)).toMatchObject({ errcode: 93000 });
    expect(await wecomPost(fake.url, "key-1", { msgtype: "markdown", markdown: { content: "字".repeat(1366) } }, 2_000)).toMatchObject({ errcode: 40058 });
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await wecomPost(fake.url, "key-1", { msgtype: "markdown", markdown: { content: `m${i}` } }, 2_000)).errcode);
    expect(answers).toEqual([...Array(20).fill(0), 45009]);
  });
});

describe("a robot notice about a case", () => {
  let fake: FakeRobots;
  const key = "k".repeat(32);
  const settings = (webBase?: string) => ({ key, dingtalkRoot: "", wecomRoot: "", timeoutMs: 2_000, ...(webBase ? { webBase } : {}) });
  const row = (id: number, chatId: number, channel: "dingtalk" | "wecom", caseId: string | null): OutboxRow => ({
    id, dedupeKey: `c${id}`, chatId, channel, chatKind: "group", method: "sendMessage", payload: { text: `<b>提醒</b>\nm${id}`, reply_markup: { inline_keyboard: [[{ text: "签发", callback_data: "x" }]] } }, caseId,
    aboutTelegramId: null, status: "pending", attempts: 1, nextAttemptAt: 0, leaseUntil: null, lastError: null, createdAt: 0, sentAt: null, deadAt: null,
  });
  beforeAll(async () => {
    fake = await startFakeRobots();
    fake.add({ vendor: "dingtalk", accessToken: "tok-link", secret: "SEClink" });
    fake.add({ vendor: "wecom", key: "key-link" });
  });
  afterAll(() => fake.close());

  async function channel(webBase?: string) {
    const robots = new Map([
      [1, { id: 1, kind: "dingtalk" as const, credential: await sealSecret(key, JSON.stringify({ kind: "dingtalk", accessToken: "tok-link", secret: "SEClink" }), "robot:unit:u"), context: "robot:unit:u", mentions: [], recent: [] }],
      [2, { id: 2, kind: "wecom" as const, credential: await sealSecret(key, JSON.stringify({ kind: "wecom", key: "key-link" }), "robot:specialist:s"), context: "robot:specialist:s", mentions: ["13800138000"], recent: [] }],
    ]);
    return new RobotChannel({ ...settings(webBase), dingtalkRoot: fake.url, wecomRoot: fake.url }, robots, new Map([["case-1", "HN-2026-000123"]]));
  }

  it("links to the case's page in the supervisors' web with a bilingual label, in DingTalk's markdown and WeCom's text; a notice about no case has no link", async () => {
    const robots = await channel("http://desk.test");
    await robots.send(row(1, 1, "dingtalk", "case-1"), Date.now());
    await robots.send(row(2, 1, "dingtalk", null), Date.now());
    await robots.send(row(3, 2, "wecom", "case-1"), Date.now());
    const [linked, plain] = fake.received("tok-link").map((r) => (r.body as { markdown: { text: string } }).markdown.text);
    expect(linked).toContain("[在网页中办理 / Open in the web](http://desk.test/web/cases/HN-2026-000123)");
    // The callback button needs Telegram: dropped.
    expect(linked).not.toContain("签发");
    expect(plain).not.toContain("/web/cases/");
    const [wecom] = fake.received("key-link").map((r) => (r.body as { text: { content: string } }).text.content);
    expect(wecom).toContain("在网页中办理 / Open in the web: http://desk.test/web/cases/HN-2026-000123");
  });

  it("has no link when the web's address is not known", async () => {
    const robots = await channel();
    await robots.send(row(4, 1, "dingtalk", "case-1"), Date.now());
    expect(JSON.stringify(fake.received("tok-link").at(-1)!.body)).not.toContain("/web/cases/");
  });
});
