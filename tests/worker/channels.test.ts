// Where a unit and a specialist hear: a DingTalk or WeCom group robot instead of Telegram. Through
// the real Worker and sqld against fake robots that check what the vendors check (signature and
// timestamp, 20 a minute, body size) and record what they got: a reminder, a digest and a signed-off
// supervision notice reach each robot in order and in its format; 20 a minute is kept with nothing
// refused or lost; a wrong secret shows in the test button, on the admin page and in an alert.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { botFor } from "../../bots/bot.ts";
import { openDbFor } from "../../db/client.ts";
import { settingsOf } from "../../lib/settings.ts";
import { robotMessageOf, robotSettingsOf } from "../../workers/outbox/channels/robots.ts";
import { wecomBodies } from "../../lib/robots/wecom.ts";
import { drainOutbox } from "../../workers/outbox/sender.ts";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { bj, pastCase, tick } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { get, post, signIn } from "./support/web.ts";
import { buttonUnder, flush, responsibleUnit, supervisingOffice } from "./support/supervision.ts";
import { callsTo } from "./support/telegram.ts";

const ROBOTS = env.DINGTALK_API_ROOT as string;

interface Receipt {
  seq: number;
  vendor: string;
  robot: string;
  query: Record<string, string>;
  body: { msgtype: string; markdown?: { title?: string; text?: string; content?: string }; text?: { content: string; mentioned_mobile_list?: string[] }; at?: { atMobiles: string[] } };
  errcode: number;
  errmsg: string;
}

const received = async (robot: string) => (await (await fetch(`${ROBOTS}/__control/received?robot=${robot}`)).json()) as Receipt[];
const control = (path: string, body: unknown) => fetch(`${ROBOTS}/__control/${path}`, { method: "POST", body: JSON.stringify(body) });
const random = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

/** A DingTalk robot the fake knows, and the admin's setting for it (`secret` given: a wrong one). */
async function dingtalkRobot(mentionMobiles?: string, secret?: string) {
  const accessToken = random(40);
  const real = `SEC${random(60)}`;
  await control("robots", { vendor: "dingtalk", accessToken, secret: real });
  return { accessToken, secret: real, setting: { kind: "dingtalk", webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${accessToken}`, secret: secret ?? real, ...(mentionMobiles ? { mentionMobiles } : {}) } };
}

async function wecomRobot() {
  const key = crypto.randomUUID();
  await control("robots", { vendor: "wecom", key });
  return { key, setting: { kind: "wecom", key: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}` } };
}

async function setChannel(path: string, setting: unknown) {
  const response = await admin("PUT", `${path}/channel`, setting);
  expect(response.status).toBe(200);
  return (await response.json()) as { kind: string; hint?: string };
}

/** DingTalk's signature, computed here independently of the Worker's code. */
async function dingtalkSignature(secret: string, timestamp: string) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}\n${secret}`)));
  return btoa(String.fromCharCode(...mac));
}

const robotId = async (column: "unit_id" | "specialist_id", owner: string) =>
  (await rows<{ id: number }>(`SELECT id FROM notice_robots WHERE ${column} = ?`, [owner]))[0]!.id;

describe("notice channels", () => {
  it("a reminder, a digest and a signed-off supervision notice reach a unit's DingTalk group and its owner's WeCom group, signed, formatted and in order", async () => {
    const office = await supervisingOffice();
    const unit = await responsibleUnit();
    const ding = await dingtalkRobot("13800138000");
    const wecom = await wecomRobot();
    // The credential is sealed at rest and shown only as its last 4 characters.
    expect(await setChannel(`/admin/units/${unit.id}`, ding.setting)).toMatchObject({ kind: "dingtalk", hint: `…${ding.secret.slice(-4)}` });
    expect(await setChannel(`/admin/specialists/${unit.owner.id}`, wecom.setting)).toMatchObject({ kind: "wecom", hint: `…${wecom.key.slice(-4)}` });
    const [stored] = await rows<{ credential: string; hint: string }>("SELECT credential, hint FROM notice_robots WHERE unit_id = ?", [unit.id]);
    expect(stored!.credential).toMatch(/^v1\./);
    expect(stored!.credential).not.toContain(ding.secret);
    expect(stored!.credential).not.toContain(ding.accessToken);
    const [audited] = await rows<{ data: string }>("SELECT data FROM audit_events WHERE action = 'notice_channel.set' AND target = ?", [`unit:${unit.id}`]);
    expect(audited!.data).not.toContain(ding.secret.slice(4, -4));

    // An appointment received Mon 2 Nov 2026: first response due Tue 3 Nov, the meeting Wed 11 Nov.
    const c = await pastCase(bj("2026-11-02", "10:00:00"), bj("2026-11-03", "23:59:59"), bj("2026-11-11", "23:59:59"), "assigned", { kind: "appointment", specialist: unit.owner });
    // Wed 4 Nov 09:05: the overdue reminder and the digest go to the owner's WeCom group; the draft to the department.
    await tick(bj("2026-11-04", "09:05:00"));
    await flush(c.id);
    const signData = await buttonUnder(office.officer.chat.userId, c.ref, "签发", /督办文书草稿待签发/);
    office.officer.chat.clock = () => bj("2026-11-04", "10:00:00");
    await office.officer.chat.post(office.officer.chat.callback(signData));
    await flush(c.id);
    await tick(bj("2026-11-04", "10:05:00"));
    const [{ number }] = (await rows<{ number: string }>("SELECT number FROM supervision_notices WHERE case_id = ? AND status = 'signed'", [c.id])) as [{ number: string }];

    // The owner's WeCom group: reminder, digest, document, in the order they were queued, as markdown.
    const toOwner = (await received(wecom.key)).filter((r) => r.errcode === 0);
    const kinds = toOwner.map((r) => r.body.markdown!.content!).map((text) => (text.includes("已超过时限") && text.includes(c.ref) ? "reminder" : text.startsWith("**每日待办") ? "digest" : text.includes(number) ? "notice" : "other"));
    expect(kinds.filter((k) => k !== "other")).toEqual(["reminder", "digest", "notice"]);
    // Each notice about the case links to its page in the supervisors' web (the specialist acts there, without Telegram); the digest links each of its cases.
    const caseLink = `[在网页中办理 / Open in the web](${settingsOf(env).PUBLIC_BASE_URL}/web/cases/${c.ref})`;
    expect(toOwner.map((r, i) => [kinds[i], r.body.markdown!.content!.includes(caseLink)]).filter(([k]) => k !== "other")).toEqual([["reminder", true], ["digest", false], ["notice", true]]);
    // The digest links each of its cases instead, as markdown.
    expect(toOwner[kinds.indexOf("digest")]!.body.markdown!.content).toContain(`[${c.ref}](${settingsOf(env).PUBLIC_BASE_URL}/web/cases/${c.ref})`);
    expect(toOwner.every((r) => r.body.msgtype === "markdown" && new TextEncoder().encode(r.body.markdown!.content).length <= 4096)).toBe(true);
    expect((await received(wecom.key)).every((r) => r.errcode === 0)).toBe(true);

    // The unit's DingTalk group: the document, signed and within the hour, with its layout and the @-mention.
    const toUnit = await received(ding.accessToken);
    expect(toUnit.length).toBeGreaterThan(0);
    expect(toUnit.every((r) => r.errcode === 0)).toBe(true);
    for (const r of toUnit) expect(r.query.sign).toBe(await dingtalkSignature(ding.secret, r.query.timestamp!));
    const document = toUnit.find((r) => r.body.markdown?.text?.includes(number))!;
    expect(document.body.markdown!.title).toMatch(/提醒敦促函|督办/);
    expect(document.body.at).toEqual({ atMobiles: ["13800138000"], isAtAll: false });
    expect(document.body.markdown!.text).toContain("@13800138000");
    expect(document.body.markdown!.text).toContain(`${caseLink}  \n`);
    // Every line of the document as Telegram showed it, in order (layout kept; markdown hard breaks).
    const inTelegram = (await callsTo(unit.head.chat.userId, "sendMessage")).map((m) => String(m.payload.text)).find((t) => t.includes(number))!;
    const plainLines = (text: string) => text.replace(/<[^>]+>/g, "").replace(/\*\*/g, "").split("\n").map((l) => l.trim()).filter(Boolean);
    expect(plainLines(document.body.markdown!.text!).slice(0, plainLines(inTelegram).length)).toEqual(plainLines(inTelegram).map((l) => l.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")));
    // Nothing went to the old Telegram group once the robot was set.
    expect((await callsTo(unit.groupId, "sendMessage")).filter((m) => String(m.payload.text).includes(c.ref))).toEqual([]);
    expect(await rows("SELECT count(*) AS n FROM outbox WHERE case_id = ? AND status <> 'sent'", [c.id])).toEqual([{ n: 0 }]);
  }, 120_000);

  it("paces each robot at 20 a minute: 25 queued to each vendor, none refused, none lost, in order", async () => {
    const unitA = await responsibleUnit();
    const unitB = await responsibleUnit();
    const ding = await dingtalkRobot();
    const wecom = await wecomRobot();
    await setChannel(`/admin/units/${unitA.id}`, ding.setting);
    await setChannel(`/admin/units/${unitB.id}`, wecom.setting);
    const targets = [
      { channel: "dingtalk", id: await robotId("unit_id", unitA.id), robot: ding.accessToken },
      { channel: "wecom", id: await robotId("unit_id", unitB.id), robot: wecom.key },
    ];
    const now = Date.now();
    for (const target of targets) {
      for (let i = 1; i <= 25; i++) {
        await rows(
          `INSERT INTO outbox (dedupe_key, chat_id, channel, chat_kind, method, payload, status, attempts, next_attempt_at, created_at)
           VALUES (?, ?, ?, 'group', 'sendMessage', ?, 'pending', 0, ?, ?)`,
          [`pace:${target.robot}:${i}`, target.id, target.channel, JSON.stringify({ text: `<b>第${i}条</b> message ${i}`, parse_mode: "HTML" }), now, now],
        );
      }
    }
    // The fake's clock and the drain's move together, so the minute need not be waited for in real time.
    let offset = 0;
    const clock = () => Date.now() + offset;
    const settings = settingsOf(env);
    const drain = () => drainOutbox(openDbFor(settings), botFor(settings).api, clock(), { limit: 500, budgetMs: 8_000, robots: robotSettingsOf(settings) }, clock);
    await drain();
    for (const target of targets) expect((await received(target.robot)).length).toBe(20);
    offset += 61_000;
    await control("clock", { advanceMs: 61_000 });
    await drain();
    for (const target of targets) {
      const got = await received(target.robot);
      expect(got.map((r) => r.errcode)).toEqual(Array(25).fill(0));
      const texts = got.map((r) => r.body.markdown!.text ?? r.body.markdown!.content!);
      expect(texts.map((t) => Number(/message (\d+)/.exec(t)![1]))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(texts[0]).toContain("**第1条**");
      expect(await rows("SELECT status, count(*) AS n FROM outbox WHERE channel = ? AND chat_id = ? GROUP BY status", [target.channel, target.id])).toEqual([{ status: "sent", n: 25 }]);
    }
  }, 60_000);

  it("a WeCom message in parts refused partway (the group's robot is also used by other apps) sends only the rest on its retry, each part once", async () => {
    const unit = await responsibleUnit();
    const wecom = await wecomRobot();
    await setChannel(`/admin/units/${unit.id}`, wecom.setting);
    const id = await robotId("unit_id", unit.id);
    // Another app posted 18 messages through the same robot this minute: WeCom counts them, our pace cannot.
    for (let i = 0; i < 18; i++) {
      await fetch(`${ROBOTS}/cgi-bin/webhook/send?key=${wecom.key}`, { method: "POST", body: JSON.stringify({ msgtype: "text", text: { content: `other app ${i}` } }) });
    }
    const payload = { text: Array.from({ length: 160 }, (_, i) => `<b>第${i + 1}行</b> 督办事项说明，请按期办结并书面报告。`).join("\n"), parse_mode: "HTML" as const };
    const parts = wecomBodies(robotMessageOf(payload, [])).map((b) => (b as { markdown: { content: string } }).markdown.content);
    expect(parts).toHaveLength(3);
    const now = Date.now();
    await rows(
      `INSERT INTO outbox (dedupe_key, chat_id, channel, chat_kind, method, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, 'wecom', 'group', 'sendMessage', ?, 'pending', 0, ?, ?)`,
      [`parts:${id}`, id, JSON.stringify(payload), now, now],
    );
    let offset = 0;
    const clock = () => Date.now() + offset;
    const settings = settingsOf(env);
    const drain = () => drainOutbox(openDbFor(settings), botFor(settings).api, clock(), { limit: 500, budgetMs: 8_000, robots: robotSettingsOf(settings) }, clock);
    const ours = async () => (await received(wecom.key)).filter((r) => r.body.msgtype === "markdown");

    await drain();
    expect((await ours()).map((r) => r.errcode)).toEqual([0, 0, 45009]);
    const [held] = await rows<{ status: string; payload: string; last_error: string }>("SELECT status, payload, last_error FROM outbox WHERE dedupe_key = ?", [`parts:${id}`]);
    expect(held).toMatchObject({ status: "pending", last_error: "wecom 45009 api freq out of limit" });
    expect(JSON.parse(held!.payload).delivered_parts).toBe(2);

    // A minute later (WeCom's wait): only the third part goes.
    offset += 61_000;
    await control("clock", { advanceMs: 61_000 });
    await drain();
    const accepted = (await ours()).filter((r) => r.errcode === 0).map((r) => r.body.markdown!.content!);
    expect(accepted).toEqual(parts);
    expect(await rows("SELECT status FROM outbox WHERE dedupe_key = ?", [`parts:${id}`])).toEqual([{ status: "sent" }]);
  }, 60_000);

  it("a wrong DingTalk secret: the test button reports DingTalk's refusal in both languages; a notice is dead-lettered, the admins alerted and the admin page shows it", async () => {
    const boss = await joinedSpecialist({ role: "admin" });
    const unit = await responsibleUnit();
    const ding = await dingtalkRobot(undefined, `SEC${random(60)}`);
    await setChannel(`/admin/units/${unit.id}`, ding.setting);

    const test = await admin("POST", `/admin/units/${unit.id}/channel/test`);
    expect(test.status).toBe(200);
    const report = (await test.json()) as { ok: boolean; errcode: number; message: { zh: string; en: string } };
    expect(report).toMatchObject({ ok: false, errcode: 310000 });
    expect(report.message.zh).toContain("钉钉机器人拒收了测试消息：errcode 310000，sign not match");
    expect(report.message.en).toContain("The DingTalk robot refused the test message: errcode 310000, sign not match");

    const id = await robotId("unit_id", unit.id);
    const now = Date.now();
    await rows(
      `INSERT INTO outbox (dedupe_key, chat_id, channel, chat_kind, method, payload, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, 'dingtalk', 'group', 'sendMessage', ?, 'pending', 0, ?, ?)`,
      [`wrong-secret:${id}`, id, JSON.stringify({ text: "督办通知", parse_mode: "HTML" }), now, now],
    );
    await tick(now);
    expect(await rows("SELECT status, last_error FROM outbox WHERE dedupe_key = ?", [`wrong-secret:${id}`])).toEqual([{ status: "dead", last_error: "dingtalk 310000 sign not match" }]);
    expect(await rows("SELECT last_error FROM notice_robots WHERE id = ?", [id])).toEqual([{ last_error: "dingtalk 310000 sign not match" }]);
    await tick(now + 60_000);
    const alerts = (await callsTo(boss.chat.userId, "sendMessage")).filter((m) => /投递失败/.test(String(m.payload.text)));
    expect(alerts.length).toBeGreaterThan(0);

    const cookie = await signIn(boss.chat);
    const page = await (await get("/web/admin/channels", cookie)).text();
    expect(page).toContain("310000 sign not match");
    // The secret as the admin gave it, shown only as its last 4 characters.
    expect(page).toContain(`…${ding.setting.secret.slice(-4)}`);
    expect(page).not.toContain(ding.setting.secret.slice(0, -4));
    expect(page).not.toContain(ding.accessToken);

    // Set right, the test goes through and the error is cleared.
    await setChannel(`/admin/units/${unit.id}`, { ...ding.setting, secret: ding.secret });
    expect(await (await admin("POST", `/admin/units/${unit.id}/channel/test`)).json()).toMatchObject({ ok: true, errcode: 0 });
    expect(await rows("SELECT last_error FROM notice_robots WHERE unit_id = ?", [unit.id])).toEqual([{ last_error: null }]);
  }, 60_000);

  it("the admin page sets a WeCom robot (CSRF-checked, audited), tests it and names a bad field in both languages; other staff get 403", async () => {
    const boss = await joinedSpecialist({ role: "admin" });
    const unit = await responsibleUnit();
    const { key } = await wecomRobot();
    const cookie = await signIn(boss.chat);
    const path = `/web/admin/channels/units/${unit.id}`;
    expect((await post(path, { kind: "wecom", key }, undefined, cookie, null)).status).toBe(403);
    const bad = await post(path, { kind: "wecom", key: "x", mentionMobiles: "12345" }, undefined, cookie);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain("企业微信机器人 key");
    expect(badPage).toContain("WeCom robot key");
    const saved = await post(path, { kind: "wecom", key, mentionMobiles: "13800138000 13900139000" }, undefined, cookie);
    expect(saved.status).toBe(303);
    expect(await rows("SELECT kind, hint, mention_mobiles FROM notice_robots WHERE unit_id = ?", [unit.id])).toEqual([{ kind: "wecom", hint: `…${key.slice(-4)}`, mention_mobiles: '["13800138000","13900139000"]' }]);
    expect(await rows("SELECT actor FROM audit_events WHERE action = 'notice_channel.set' AND target = ?", [`unit:${unit.id}`])).toEqual([{ actor: `web:${boss.id}` }]);
    const tested = await (await post(`${path}/test`, {}, undefined, cookie)).text();
    expect(tested).toContain("企业微信机器人已收到测试消息（errcode 0：ok）");
    expect(tested).toContain("The WeCom robot took the test message (errcode 0: ok)");
    // With mentions, WeCom gets a text message carrying them (its markdown has none).
    expect((await received(key)).at(-1)!.body).toMatchObject({ msgtype: "text", text: { mentioned_mobile_list: ["13800138000", "13900139000"] } });
    const specialist = await joinedSpecialist();
    expect((await get("/web/admin/channels", await signIn(specialist.chat))).status).toBe(403);
  });

  it("refuses a malformed robot setting naming the field and the rule in both languages; nothing stored", async () => {
    const unit = await responsibleUnit();
    const response = await admin("PUT", `/admin/units/${unit.id}/channel`, { kind: "dingtalk", webhookUrl: "http://evil.example/x", secret: "nope", mentionMobiles: "13800138000,123" });
    expect(response.status).toBe(400);
    const { issues } = (await response.json()) as { issues: { field: string; rule: { zh: string; en: string } }[] };
    expect(issues.map((i) => i.field).sort()).toEqual(["mentionMobiles", "secret", "webhookUrl"]);
    expect(issues.find((i) => i.field === "secret")!.rule.en).toContain("SEC");
    expect(await rows("SELECT count(*) AS n FROM notice_robots WHERE unit_id = ?", [unit.id])).toEqual([{ n: 0 }]);
    expect((await admin("PUT", "/admin/units/no-such-unit/channel", (await wecomRobot()).setting)).status).toBe(404);
  });
});
