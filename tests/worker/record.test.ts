// Cases recorded by staff in the supervisors' web (12345 with its ticket, counters, 企业码, phone):
// the same case module, dues counted from the time of receipt, the ledger naming the channel and
// the recorder, and the refusals (a receipt in the future or more than 30 days back, a ticket
// recorded before, a role that does not record) in both languages with nothing written.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client.ts";
import { loadFigures } from "../../db/queries/figures.ts";
import { createWebApp } from "../../workers/web/app.ts";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { randomUscc } from "./support/data.ts";
import { rows } from "./support/db.ts";
import { registeredInvestor } from "./support/flows.ts";
import { BASE, csrfOf, signIn } from "./support/web.ts";

/** Fri 13 Feb 2026 10:00 Beijing, the day before the Spring Festival's make-up Saturday. */
const NOW = Date.parse("2026-02-13T10:00:00+08:00");
const app = createWebApp({ now: () => NOW });
const webEnv = { LIBSQL_URL: env.LIBSQL_URL, WEB_SESSION_SECRET: env.WEB_SESSION_SECRET, CASE_LINK_SECRET: env.CASE_LINK_SECRET, PUBLIC_BASE_URL: "http://desk.test" };

async function record(cookie: string, form: Record<string, string>, worker = app, bindings: Record<string, unknown> = webEnv) {
  const body = new URLSearchParams({ ...form, _csrf: await csrfOf(cookie) });
  return worker.fetch(new Request(`${BASE}/web/record`, { method: "POST", headers: { origin: BASE, cookie, "content-type": "application/x-www-form-urlencoded" }, body }), bindings);
}

/** The firm's specialist (or the department) verified the person's claim on the firm. */
const verified = (telegramId: number) => rows("UPDATE firm_members SET status = 'active' WHERE telegram_id = ?", [telegramId]);

const ticket = () => `GD${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e6)}`;

function hotline(uscc: string, extra: Record<string, string> = {}) {
  return {
    channel: "hotline_12345",
    ticket_no: ticket(),
    received_at: "2026-02-12 10:00",
    firm_uscc: uscc,
    firm_name: "海南记录测试有限公司",
    firm_area: "haikou",
    caller_name: "李四",
    caller_phone: "13900139000",
    case_kind: "policy",
    case_text: "企业来电咨询进口设备零关税政策的适用范围。",
    ...extra,
  };
}

const casesWithTicket = (t: string) => rows<{ id: string; ref: string; channel: string; ticket_no: string; recorded_by: string; owner_id: string | null; received_at: number; contact_name: string | null; contact_phone: string | null; created_by: number | null; firm_id: string }>("SELECT * FROM cases WHERE ticket_no = ?", [t]);

describe("recording a case in the web", () => {
  it("records a 12345 case received yesterday: dues from the hotline's time, the ledger names the channel, ticket and recorder, the firm's specialist owns it and the firm's members are told", async () => {
    const owner = await joinedSpecialist();
    const { chat: investor, uscc } = await registeredInvestor("en");
    expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: owner.id })).status).toBe(200);
    await verified(investor.userId);
    const recorder = await joinedSpecialist({ role: "bizenv" });
    const cookie = await signIn(recorder.chat);
    const form = hotline(uscc);
    const response = await record(cookie, form);
    expect(response.status).toBe(200);
    const page = await response.text();
    const [c] = await casesWithTicket(form.ticket_no);
    expect(c).toMatchObject({ channel: "hotline_12345", recorded_by: recorder.id, owner_id: owner.id, contact_name: "李四", created_by: null });
    expect(c!.received_at).toBe(Date.parse("2026-02-12T10:00:00+08:00"));
    expect(page).toContain(c!.ref);
    expect(page).toContain("企业在机器人中的成员已收到通知");
    // Received Thu 12 Feb: the first response by the close of Fri 13 (counted from now it would be Sat 14, a make-up
    // working day); the answer 10 working days later, over the Spring Festival (15–23 Feb off, Sat 28 Feb on): Wed 4 Mar.
    const dues = await rows<{ obligation: string; due_at: number }>("SELECT obligation, due_at FROM case_obligations WHERE case_id = ? ORDER BY due_at", [c!.id]);
    expect(dues).toEqual([
      { obligation: "first_response", due_at: Date.parse("2026-02-13T23:59:59+08:00") },
      { obligation: "answer", due_at: Date.parse("2026-03-04T23:59:59+08:00") },
    ]);
    const [received] = await rows<{ actor_type: string; actor_id: string; data: string; at: number }>("SELECT actor_type, actor_id, data, at FROM case_events WHERE case_id = ? AND type = 'received'", [c!.id]);
    expect(received).toMatchObject({ actor_type: "specialist", actor_id: recorder.id, at: c!.received_at });
    expect(JSON.parse(received!.data)).toMatchObject({ channel: "hotline_12345", ticketNo: form.ticket_no, recordedAt: NOW });
    // Telegram's rows (the portal's event rides its own channel when the portal is on).
    const told = await rows<{ chat_id: number; payload: string }>("SELECT chat_id, payload FROM outbox WHERE case_id = ? AND channel = 'telegram'", [c!.id]);
    expect(told.map((o) => o.chat_id).sort()).toEqual([investor.userId, owner.chat.userId].sort());
    expect(told.find((o) => o.chat_id === owner.chat.userId)!.payload).toContain("12345 热线");
    expect(told.find((o) => o.chat_id === investor.userId)!.payload).toContain(c!.ref);
    // The case page names the channel with its ticket, the contact, and the recorder in the ledger.
    const casePage = await (await app.fetch(new Request(`${BASE}/web/cases/${c!.ref}`, { headers: { cookie } }), webEnv)).text();
    expect(casePage).toContain(`<dd class="channel">12345 热线 ${form.ticket_no}</dd>`);
    expect(casePage).toContain("李四 +8613900139000");
    expect(casePage).toContain("诉求内容");
    expect(casePage).toContain(recorder.id.slice(-4));
    // The figures split by channel: the unit's February holds this hotline case and nothing from the bot.
    const february = { from: "2026-02-01", to: "2026-02-28" };
    const handle = openDb({ url: env.LIBSQL_URL as string });
    expect((await loadFigures(handle, { unitId: owner.unitId, channel: "hotline_12345" }, february, NOW)).total.received).toBe(1);
    expect((await loadFigures(handle, { unitId: owner.unitId, channel: "telegram" }, february, NOW)).total.received).toBe(0);
    const figures = await app.fetch(new Request(`${BASE}/web/figures?from=2026-02-01&to=2026-02-28&unit=${owner.unitId}&channel=hotline_12345`, { headers: { cookie } }), webEnv);
    expect(figures.status).toBe(200);
    expect(await figures.text()).toContain('<option value="hotline_12345" selected>12345 热线</option>');
    const bad = await app.fetch(new Request(`${BASE}/web/figures?channel=fax`, { headers: { cookie } }), webEnv);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("受理渠道");
  });

  it("creates a firm that is not registered yet, with no member, and gives the recorder the case link to pass on", async () => {
    const recorder = await joinedSpecialist();
    const cookie = await signIn(recorder.chat);
    const uscc = randomUscc();
    const form = hotline(uscc, { channel: "service_hall", ticket_no: "", received_at: "" });
    const response = await record(cookie, form);
    expect(response.status).toBe(200);
    const page = await response.text();
    const [firm] = await rows<{ id: string; name_zh: string; area_code: string }>("SELECT id, name_zh, area_code FROM firms WHERE uscc = ?", [uscc]);
    expect(firm).toMatchObject({ name_zh: "海南记录测试有限公司", area_code: "haikou" });
    expect(await rows("SELECT * FROM firm_members WHERE firm_id = ?", [firm!.id])).toEqual([]);
    const [c] = await rows<{ id: string; channel: string; ticket_no: string | null; received_at: number }>("SELECT id, channel, ticket_no, received_at FROM cases WHERE firm_id = ?", [firm!.id]);
    expect(c).toMatchObject({ channel: "service_hall", ticket_no: null, received_at: NOW });
    expect(page).toMatch(/<code class="case-link">http:\/\/desk\.test\/s\/[A-Za-z0-9_-]{32}<\/code>/);
    // Its recorder follows it on its page, whichever unit it went to; another unit's specialist does not see it.
    const [{ ref }] = (await rows<{ ref: string }>("SELECT ref FROM cases WHERE id = ?", [c!.id])) as [{ ref: string }];
    expect((await app.fetch(new Request(`${BASE}/web/cases/${ref}`, { headers: { cookie } }), webEnv)).status).toBe(200);
    const stranger = await signIn((await joinedSpecialist()).chat);
    expect((await app.fetch(new Request(`${BASE}/web/cases/${ref}`, { headers: { cookie: stranger } }), webEnv)).status).toBe(404);
  });

  it("does not tell a member whose claim on the firm is not verified yet: the recorder passes the link on", async () => {
    const { chat: claimant, uscc } = await registeredInvestor("en");
    const recorder = await joinedSpecialist();
    const cookie = await signIn(recorder.chat);
    const form = hotline(uscc);
    const page = await (await record(cookie, form)).text();
    const [c] = await casesWithTicket(form.ticket_no);
    expect(await rows("SELECT id FROM outbox WHERE case_id = ? AND chat_id = ?", [c!.id, claimant.userId])).toEqual([]);
    expect(page).toContain("该企业尚无已认证的成员使用机器人");
  });

  it("refuses a receipt in the future, one more than 30 days back and a ticket recorded before, naming the field and the rule in both languages; nothing written", async () => {
    const recorder = await joinedSpecialist();
    const cookie = await signIn(recorder.chat);
    const uscc = randomUscc();
    const cases = [
      [{ received_at: "2026-02-13 12:00" }, "受理时间不能晚于现在", "the time of receipt cannot be later than now"],
      [{ received_at: "2026-01-13 09:59" }, "受理时间不能早于 30 天前", "the time of receipt cannot be more than 30 days back"],
      [{ received_at: "2026-02-30 09:00" }, "日期须真实存在", "on a date that exists"],
      [{ ticket_no: "" }, "12345 工单号", "12345 ticket number"],
    ] as const;
    for (const [extra, zh, en] of cases) {
      const form = hotline(uscc, extra);
      const response = await record(cookie, form);
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain(zh);
      expect(page).toContain(en);
      expect(page).toContain("受理时间");
      // The form keeps what was typed.
      expect(page).toContain("企业来电咨询进口设备零关税政策的适用范围。");
    }
    expect(await rows("SELECT id FROM firms WHERE uscc = ?", [uscc])).toEqual([]);

    const form = hotline(uscc);
    expect((await record(cookie, form)).status).toBe(200);
    const [first] = await casesWithTicket(form.ticket_no);
    const again = await record(cookie, { ...form, received_at: "2026-02-12 11:00" });
    expect(again.status).toBe(400);
    const page = await again.text();
    expect(page).toContain(`该工单号已登记为案件 ${first!.ref}`);
    expect(page).toContain(`this ticket is recorded already as case ${first!.ref}`);
    expect(await casesWithTicket(form.ticket_no)).toHaveLength(1);
  });

  it("lets only specialists, unit heads and the department record: an admin is refused, nothing written; no session is 401", async () => {
    const adminUser = await joinedSpecialist({ role: "admin" });
    const cookie = await signIn(adminUser.chat);
    const shown = await app.fetch(new Request(`${BASE}/web/record`, { headers: { cookie } }), webEnv);
    expect(shown.status).toBe(403);
    const text = await shown.text();
    expect(text).toContain("只有企业服务专员和营商环境建设部门工作人员可以登记案件");
    expect(text).toContain("Only enterprise service specialists");
    const form = hotline(randomUscc());
    expect((await record(cookie, form)).status).toBe(403);
    expect(await casesWithTicket(form.ticket_no)).toEqual([]);
    // The ledger's menu offers the form only to those who may use it.
    const ledger = await (await app.fetch(new Request(`${BASE}/web/cases`, { headers: { cookie } }), webEnv)).text();
    expect(ledger).not.toContain('href="/web/record"');
    expect((await app.fetch(new Request(`${BASE}/web/record`), webEnv)).status).toBe(401);
    const head = await joinedSpecialist({ role: "unit_head" });
    const headCookie = await signIn(head.chat);
    const headPage = await (await app.fetch(new Request(`${BASE}/web/record`, { headers: { cookie: headCookie } }), webEnv)).text();
    expect(headPage).toContain('name="ticket_no"');
    expect(headPage).toContain('href="/web/record"');
  });

  it("without the case-link key on the web Worker, refuses to record and names the setting", async () => {
    const recorder = await joinedSpecialist();
    const cookie = await signIn(recorder.chat);
    const form = hotline(randomUscc());
    const response = await record(cookie, form, app, { ...webEnv, CASE_LINK_SECRET: undefined });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("CASE_LINK_SECRET");
    expect(await casesWithTicket(form.ticket_no)).toEqual([]);
  });
});

describe("the contact of a recorded case and /deleteme", () => {
  it("clears a recorded case's contact when the person with that phone erases their data; other contacts stay", async () => {
    const recorder = await joinedSpecialist();
    const cookie = await signIn(recorder.chat);
    const { chat: person } = await registeredInvestor("en");
    const [me] = await rows<{ phone: string }>("SELECT phone FROM users WHERE telegram_id = ?", [person.userId]);
    const mine = hotline(randomUscc(), { caller_name: "Jane Doe", caller_phone: me!.phone });
    const other = hotline(randomUscc(), { caller_phone: "13911112222" });
    expect((await record(cookie, mine)).status).toBe(200);
    expect((await record(cookie, other)).status).toBe(200);
    await person.send("/deleteme");
    await person.tap("Erase");
    const [cleared] = await casesWithTicket(mine.ticket_no);
    expect(cleared).toMatchObject({ contact_name: null, contact_phone: null });
    const [kept] = await casesWithTicket(other.ticket_no);
    expect(kept).toMatchObject({ contact_name: "李四", contact_phone: "+8613911112222" });
  });
});

describe("recording a case in the chat (/record)", () => {
  it("records a 12345 case through the webhook, two round trips per update; a registered firm is not asked its name; the dues count from the hotline's time", async () => {
    const owner = await joinedSpecialist();
    const { chat: investor, uscc } = await registeredInvestor("zh");
    expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: owner.id })).status).toBe(200);
    await verified(investor.userId);
    const recorder = await joinedSpecialist({ role: "bizenv", direct: true });
    const chat = recorder.chat;
    chat.clock = () => NOW;
    chat.roundTrips.length = 0;
    expect((await chat.send("/record")).join()).toContain("受理渠道");
    expect((await chat.tap("12345 热线")).join()).toContain("工单号");
    const t = ticket();
    expect((await chat.send(t)).join()).toContain("受理时间");
    expect((await chat.send("2026-02-12 10:00")).join()).toContain("统一社会信用代码");
    // Registered already: no name, no area.
    expect((await chat.send(uscc)).join()).toContain("联系人");
    await chat.send("李四");
    await chat.tap("跳过");
    await chat.tap("政策咨询");
    const review = (await chat.send("企业来电咨询进口设备零关税政策的适用范围。")).join();
    expect(review).toContain("12345 热线");
    const done = (await chat.tap("✔ 提交")).join();
    const [c] = await casesWithTicket(t);
    expect(c).toMatchObject({ channel: "hotline_12345", recorded_by: recorder.id, owner_id: owner.id, received_at: Date.parse("2026-02-12T10:00:00+08:00") });
    expect(done).toContain(c!.ref);
    expect(done).toContain("企业在机器人中的成员已收到通知");
    const dues = await rows<{ obligation: string; due_at: number }>("SELECT obligation, due_at FROM case_obligations WHERE case_id = ? ORDER BY due_at", [c!.id]);
    expect(dues.map((d) => d.due_at)).toEqual([Date.parse("2026-02-13T23:59:59+08:00"), Date.parse("2026-03-04T23:59:59+08:00")]);
    expect((await rows<{ chat_id: number }>("SELECT chat_id FROM outbox WHERE case_id = ?", [c!.id])).map((o) => o.chat_id)).toContain(investor.userId);
    expect(chat.roundTrips.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...chat.roundTrips)).toBeLessThanOrEqual(2);
  });

  it("refuses a receipt in the future at submit in both languages, asks only that field again, then records a new firm and gives the link", async () => {
    const recorder = await joinedSpecialist({ direct: true });
    const chat = recorder.chat;
    chat.clock = () => NOW;
    const uscc = randomUscc();
    await chat.send("/record");
    await chat.tap("电话");
    await chat.send("2026-02-13 12:00");
    expect((await chat.send(uscc)).join()).toContain("企业名称");
    await chat.send("海南来电测试有限公司");
    await chat.tap("海口市");
    await chat.send("王五");
    await chat.send("13700137000");
    await chat.tap("紧急诉求");
    await chat.send("企业来电反映用工审批受阻，影响下周开工。");
    const refused = (await chat.tap("✔ 提交")).join();
    expect(refused).toContain("受理时间不能晚于现在");
    expect(refused).toContain("the time of receipt cannot be later than now");
    expect(await rows("SELECT id FROM firms WHERE uscc = ?", [uscc])).toEqual([]);
    // Only the refused field again, then the review with the rest kept.
    const review = (await chat.send("2026-02-13 08:00")).join();
    expect(review).toContain("海南来电测试有限公司");
    const done = (await chat.tap("✔ 提交")).join();
    expect(done).toMatch(/\/s\/[A-Za-z0-9_-]{32}/);
    const [c] = await rows<{ channel: string; kind: string; received_at: number }>("SELECT c.channel, c.kind, c.received_at FROM cases c JOIN firms f ON f.id = c.firm_id WHERE f.uscc = ?", [uscc]);
    expect(c).toEqual({ channel: "phone", kind: "urgent", received_at: Date.parse("2026-02-13T08:00:00+08:00") });
    expect(Math.max(...chat.roundTrips)).toBeLessThanOrEqual(2);
  });

  it("answers /record from an admin or an investor with who may record, and opens no form", async () => {
    const adminUser = await joinedSpecialist({ role: "admin" });
    expect((await adminUser.chat.send("/record")).join()).toContain("只有企业服务专员和营商环境建设部门工作人员可以登记案件");
    const { chat: investor } = await registeredInvestor("en");
    const said = (await investor.send("/record")).join();
    expect(said).not.toContain("How did the request come in");
    expect(said).toMatch(/specialist/i);
  });
});
