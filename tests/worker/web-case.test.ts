// The supervisors' web case page: reached from the ledger, scoped like it, and every action on it
// through the case module in one batch — with its refusals (wrong role, another unit, no CSRF
// token, a stale page, bad fields, the case rules) shown in both languages and nothing written.
import { describe, expect, it } from "vitest";
import { beijingDate, makeCalendar, workingDayAfter } from "../../domain/calendar.ts";
import { joinedSpecialist } from "./support/admin.ts";
import { rows } from "./support/db.ts";
import { draftNotice, outboxOf, ownedCase, versionOn } from "./support/web-case.ts";
import { env } from "cloudflare:workers";
import { existingCaseToken } from "../../lib/case-token.ts";
import { webApp } from "../../workers/web/app.ts";
import { BASE, csrfOf, get, post, signIn } from "./support/web.ts";

const eventsOf = (caseId: string) => rows<{ type: string; actor_type: string; actor_id: string | null; data: string | null }>("SELECT type, actor_type, actor_id, data FROM case_events WHERE case_id = ? ORDER BY id", [caseId]);
const obligationsOf = (caseId: string) => rows<{ obligation: string; state: string; met_by: string | null; met_at: number | null }>("SELECT obligation, state, met_by, met_at FROM case_obligations WHERE case_id = ? ORDER BY due_at", [caseId]);

describe("the case page", () => {
  it("is linked from the ledger and shows the facts, the obligations with their dues, the ledger and no co-handler yet", async () => {
    const c = await ownedCase();
    const cookie = await signIn(c.owner.chat);
    expect(await (await get("/web/cases", cookie)).text()).toContain(`<a href="/web/cases/${c.ref}">${c.ref}</a>`);
    const response = await get(`/web/cases/${c.ref}`, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain("Zero-tariff policy for imported equipment");
    expect(page).toContain("首次响应");
    expect(page).toContain("答复");
    const [due] = await rows<{ due: string }>("SELECT strftime('%Y-%m-%d %H:%M', due_at / 1000 + 8 * 3600, 'unixepoch') AS due FROM case_obligations WHERE case_id = ? AND obligation = 'answer'", [c.id]);
    expect(page).toContain(due!.due);
    expect(page).toContain("已受理");
    expect(page).toContain("暂无协办人员");
    expect(page).toContain('name="_csrf"');
    expect(page).not.toContain("<script");
    // English labels too.
    const en = await (await get(`/web/cases/${c.ref}?lang=en`, cookie)).text();
    expect(en).toContain("Obligations and dues");
    expect(en).toContain("first response");
  });

  it("is scoped like the ledger: another unit's specialist gets the same 404 as an unknown ref; the unit head and the department see it", async () => {
    const c = await ownedCase();
    const stranger = await joinedSpecialist();
    const asStranger = await signIn(stranger.chat);
    const hidden = await get(`/web/cases/${c.ref}`, asStranger);
    const unknown = await get("/web/cases/HN-2026-999999", asStranger);
    expect([hidden.status, unknown.status]).toEqual([404, 404]);
    expect(await hidden.text()).toBe(await unknown.text());
    expect((await post(`/web/cases/${c.ref}/acknowledge`, { version: "1" }, undefined, asStranger)).status).toBe(404);
    expect((await eventsOf(c.id)).map((e) => e.type)).not.toContain("acknowledged");

    const head = await joinedSpecialist({ role: "unit_head", unitId: c.owner.unitId });
    expect((await get(`/web/cases/${c.ref}`, await signIn(head.chat))).status).toBe(200);
    const department = await joinedSpecialist({ role: "bizenv" });
    expect((await get(`/web/cases/${c.ref}`, await signIn(department.chat))).status).toBe(200);
    expect((await get(`/web/cases/${c.ref}`)).status).toBe(401);
  });
});

describe("staff steps on the case page", () => {
  it("acknowledges through the case module: the ledger event, the first response met by the owner, the firm told, one change", async () => {
    const c = await ownedCase();
    const cookie = await signIn(c.owner.chat);
    const before = (await outboxOf(c.id)).length;
    const done = await post(`/web/cases/${c.ref}/acknowledge`, { version: await versionOn(c.ref, cookie) }, undefined, cookie);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`/web/cases/${c.ref}?done=acknowledge`);
    expect((await eventsOf(c.id)).filter((e) => e.type === "acknowledged")).toEqual([{ type: "acknowledged", actor_type: "specialist", actor_id: c.owner.id, data: null }]);
    expect((await obligationsOf(c.id)).find((o) => o.obligation === "first_response")).toMatchObject({ state: "met", met_by: c.owner.id });
    const told = (await outboxOf(c.id)).slice(before);
    expect(told.map((o) => o.chat_id)).toContain(c.investor.userId);
    const update = told.find((o) => o.chat_id === c.investor.userId)!.payload;
    expect(update).toContain(c.ref);
    // This Worker holds no case-link key here: the update names the bot's /status instead of a link.
    expect(update).toContain(`/status ${c.ref}`);
    expect(update).not.toContain("/s/");
    const page = await (await get(`/web/cases/${c.ref}?done=acknowledge`, cookie)).text();
    expect(page).toContain("已确认受理。 / Acknowledged.");
    expect(page).toContain(c.owner.id.slice(-4));
  });

  it("repeats the firm's case link in its updates when the web Worker holds the bot's case-link key", async () => {
    const c = await ownedCase();
    const cookie = await signIn(c.owner.chat);
    const body = new URLSearchParams({ version: await versionOn(c.ref, cookie), _csrf: await csrfOf(cookie), text: "已收到，正在办理" });
    const headers = { cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" };
    const settings = { LIBSQL_URL: env.LIBSQL_URL, WEB_SESSION_SECRET: env.WEB_SESSION_SECRET, CASE_LINK_SECRET: env.CASE_LINK_SECRET, PUBLIC_BASE_URL: "https://desk.example" };
    const response = await webApp.fetch(new Request(`${BASE}/web/cases/${c.ref}/reply`, { method: "POST", headers, body, redirect: "manual" }), settings);
    expect(response.status).toBe(303);
    const [row] = await rows<{ id: string; link_generation: number; public_token_hash: string }>("SELECT id, link_generation, public_token_hash FROM cases WHERE id = ?", [c.id]);
    const token = await existingCaseToken({ CASE_LINK_SECRET: env.CASE_LINK_SECRET }, { id: row!.id, linkGeneration: row!.link_generation, publicTokenHash: row!.public_token_hash });
    expect(token).toBeDefined();
    expect((await outboxOf(c.id)).filter((o) => o.chat_id === c.investor.userId).at(-1)!.payload).toContain(`https://desk.example/s/${token}`);
  });

  it("refuses a form without the CSRF token, and a page shown before the case changed (stale version), writing nothing", async () => {
    const c = await ownedCase();
    const cookie = await signIn(c.owner.chat);
    const version = await versionOn(c.ref, cookie);
    const noToken = await post(`/web/cases/${c.ref}/reply`, { version, text: "我们正在研究" }, undefined, cookie, null);
    expect(noToken.status).toBe(403);
    const wrongToken = await post(`/web/cases/${c.ref}/reply`, { version, text: "我们正在研究" }, undefined, cookie, "forged-token");
    expect(wrongToken.status).toBe(403);
    expect((await eventsOf(c.id)).map((e) => e.type)).not.toContain("specialist_reply");

    expect((await post(`/web/cases/${c.ref}/reply`, { version, text: "第一条回复" }, undefined, cookie)).status).toBe(303);
    const stale = await post(`/web/cases/${c.ref}/reply`, { version, text: "第二条回复" }, undefined, cookie);
    expect(stale.status).toBe(409);
    const body = await stale.text();
    expect(body).toContain("此件在您打开页面后已有变化");
    expect(body).toContain("This case changed after you opened the page");
    expect((await eventsOf(c.id)).filter((e) => e.type === "specialist_reply").map((e) => JSON.parse(e.data!).text)).toEqual(["第一条回复"]);
  });

  it("names a bad field and its rule in both languages, and keeps what was typed", async () => {
    const c = await ownedCase();
    const cookie = await signIn(c.owner.chat);
    const version = await versionOn(c.ref, cookie);
    const empty = await post(`/web/cases/${c.ref}/answer`, { version, text: "" }, undefined, cookie);
    expect(empty.status).toBe(400);
    const body = await empty.text();
    expect(body).toContain("“回复内容”无效：必填");
    expect(body).toMatch(/is required|required/);
    const long = await post(`/web/cases/${c.ref}/needs_study`, { version, reason: "需要与海关会商", new_date: "2026-02-30" }, undefined, cookie);
    expect(long.status).toBe(400);
    const text = await long.text();
    expect(text).toContain("新的答复日期");
    expect(text).toContain("YYYY-MM-DD");
    expect(text).toContain("需要与海关会商");
    expect((await eventsOf(c.id)).map((e) => e.type)).not.toContain("answered");
  });

  it("shows the case rules' refusals in both languages: resolving before the answer, a co-handler resolving (wrong role)", async () => {
    const c = await ownedCase();
    const cookie = await signIn(c.owner.chat);
    await post(`/web/cases/${c.ref}/acknowledge`, { version: await versionOn(c.ref, cookie) }, undefined, cookie);
    const early = await post(`/web/cases/${c.ref}/resolve`, { version: await versionOn(c.ref, cookie), outcome: "已办结此事" }, undefined, cookie);
    expect(early.status).toBe(409);
    const body = await early.text();
    expect(body).toContain("“答复”尚未完成，暂不能办结");
    expect(body).toMatch(/answer/i);

    // The owner brings in a specialist of another unit, who may reply but not resolve.
    const helper = await joinedSpecialist();
    expect((await post(`/web/cases/${c.ref}/invite_co_handler`, { version: await versionOn(c.ref, cookie), specialist: helper.id }, undefined, cookie)).status).toBe(303);
    expect(await rows("SELECT specialist_id, added_by FROM case_co_handlers WHERE case_id = ?", [c.id])).toEqual([{ specialist_id: helper.id, added_by: c.owner.id }]);
    expect((await outboxOf(c.id)).map((o) => o.chat_id)).toContain(helper.chat.userId);
    const asHelper = await signIn(helper.chat);
    const seen = await get(`/web/cases/${c.ref}`, asHelper);
    expect(seen.status).toBe(200);
    const helperPage = await seen.text();
    expect(helperPage).toContain('action="/web/cases/' + c.ref + '/reply"');
    expect(helperPage).not.toContain('action="/web/cases/' + c.ref + '/resolve"');
    const refused = await post(`/web/cases/${c.ref}/resolve`, { version: await versionOn(c.ref, asHelper), outcome: "已办结此事" }, undefined, asHelper);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("您无权执行此操作");
    expect((await post(`/web/cases/${c.ref}/reply`, { version: await versionOn(c.ref, asHelper), text: "协办单位意见：符合条件" }, undefined, asHelper)).status).toBe(303);
    expect((await eventsOf(c.id)).filter((e) => e.type === "specialist_reply").map((e) => e.actor_id)).toEqual([helper.id]);
    // Inviting them twice is refused by the rules; an unknown specialist by the form.
    const twice = await post(`/web/cases/${c.ref}/invite_co_handler`, { version: await versionOn(c.ref, cookie), specialist: "sp-nobody" }, undefined, cookie);
    expect(twice.status).toBe(400);
  });

  it("answers, takes a needs-study step once, and resolves; the firm gets the survey", async () => {
    const c = await ownedCase();
    const cookie = await signIn(c.owner.chat);
    // Needs study: the answer's due moves to a later working day, once.
    const [answerDue] = await rows<{ due_at: number }>("SELECT due_at FROM case_obligations WHERE case_id = ? AND obligation = 'answer'", [c.id]);
    const calendar = makeCalendar(await rows<{ date: string; kind: "holiday" | "workday" }>("SELECT date, kind FROM calendar_days"), (await rows<{ year: number }>("SELECT year FROM calendar_years")).map((y) => y.year));
    const newDate = workingDayAfter(calendar, beijingDate(answerDue!.due_at), 3);
    const study = { reason: "涉及海关与税务两部门，需要会商研究", new_date: newDate };
    // Past the 20 working days a study may take: refused by the rules, naming the action and the field.
    const tooLate = await post(`/web/cases/${c.ref}/needs_study`, { version: await versionOn(c.ref, cookie), ...study, new_date: workingDayAfter(calendar, beijingDate(answerDue!.due_at), 40) }, undefined, cookie);
    expect(tooLate.status).toBe(409);
    const refusal = await tooLate.text();
    expect(refusal).toContain("告知需研究 · 新的答复日期");
    expect(refusal).toContain("新的答复日期须为工作日");
    expect((await post(`/web/cases/${c.ref}/needs_study`, { version: await versionOn(c.ref, cookie), ...study }, undefined, cookie)).status).toBe(303);
    const [moved] = await rows<{ due: string; moved: number }>("SELECT strftime('%Y-%m-%d', due_at / 1000 + 8 * 3600, 'unixepoch') AS due, moved FROM case_obligations WHERE case_id = ? AND obligation = 'answer'", [c.id]);
    expect(moved).toEqual({ due: newDate, moved: 1 });
    expect(await (await get(`/web/cases/${c.ref}`, cookie)).text()).toContain("已依规调整");
    const twice = await post(`/web/cases/${c.ref}/needs_study`, { version: await versionOn(c.ref, cookie), ...study }, undefined, cookie);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("答复时限只能调整一次");

    expect((await post(`/web/cases/${c.ref}/answer`, { version: await versionOn(c.ref, cookie), text: "符合零关税政策，可以申请。" }, undefined, cookie)).status).toBe(303);
    expect((await obligationsOf(c.id)).map((o) => o.state)).toEqual(["met", "met"]);
    expect((await post(`/web/cases/${c.ref}/resolve`, { version: await versionOn(c.ref, cookie), outcome: "已答复企业并办结" }, undefined, cookie)).status).toBe(303);
    expect((await rows<{ status: string }>("SELECT status FROM cases WHERE id = ?", [c.id]))[0]!.status).toBe("resolved");
    const last = (await outboxOf(c.id)).filter((o) => o.chat_id === c.investor.userId).at(-1)!;
    expect(last.payload).toMatch(/satisf|满意/i);
  });
});

describe("the department's approvals and supervision notices", () => {
  it("approves a pending transfer to another unit (department only), recorded with the approver; the new owner is told", async () => {
    const c = await ownedCase();
    const target = await joinedSpecialist();
    // As the owner's request in chat leaves it (request_transfer).
    await rows("UPDATE cases SET pending_owner_id = ? WHERE id = ?", [target.id, c.id]);
    const asOwner = await signIn(c.owner.chat);
    const refused = await post(`/web/cases/${c.ref}/approve_transfer`, { version: await versionOn(c.ref, asOwner) }, undefined, asOwner);
    expect(refused.status).toBe(403);
    const department = await joinedSpecialist({ role: "bizenv" });
    const asDepartment = await signIn(department.chat);
    const page = await (await get(`/web/cases/${c.ref}`, asDepartment)).text();
    expect(page).toContain(`转交给 专员${target.id.slice(-4)}（海口市营商环境局）`);
    expect((await post(`/web/cases/${c.ref}/approve_transfer`, { version: await versionOn(c.ref, asDepartment) }, undefined, asDepartment)).status).toBe(303);
    const [moved] = await rows<{ owner_id: string; pending_owner_id: string | null }>("SELECT owner_id, pending_owner_id FROM cases WHERE id = ?", [c.id]);
    expect(moved).toEqual({ owner_id: target.id, pending_owner_id: null });
    const transferred = (await eventsOf(c.id)).find((e) => e.type === "transferred")!;
    expect(JSON.parse(transferred.data!)).toMatchObject({ from: c.owner.id, to: target.id, toUnitId: target.unitId, approvedBy: department.id });
    expect((await outboxOf(c.id)).map((o) => o.chat_id)).toContain(target.chat.userId);
    // The old unit no longer sees it; the new one does.
    expect((await get(`/web/cases/${c.ref}`, asOwner)).status).toBe(404);
    expect((await get(`/web/cases/${c.ref}`, await signIn(target.chat))).status).toBe(200);
  });

  it("a department officer signs a draft off: numbered, frozen, issued to the unit; then the unit's reply reaches the department", async () => {
    const c = await ownedCase();
    const head = await joinedSpecialist({ role: "unit_head", unitId: c.owner.unitId });
    const noticeId = await draftNotice(c.id, c.owner.unitId);
    const asOwner = await signIn(c.owner.chat);
    const draftPage = await (await get(`/web/cases/${c.ref}`, asOwner)).text();
    expect(draftPage).toContain("提醒敦促函");
    expect(draftPage).toContain("草稿，待签发");
    expect(draftPage).not.toContain(`/notices/${noticeId}/sign"`);
    // Only the department signs: the owner is refused, and so is an admin.
    const byOwner = await post(`/web/cases/${c.ref}/notices/${noticeId}/sign`, { version: await versionOn(c.ref, asOwner) }, undefined, asOwner);
    expect(byOwner.status).toBe(403);
    expect(await byOwner.text()).toContain("督办文书由营商环境建设部门签发");
    const administrator = await joinedSpecialist({ role: "admin" });
    const asAdmin = await signIn(administrator.chat);
    // Admins run the service and take no step on cases: the page offers them none.
    expect(await (await get(`/web/cases/${c.ref}`, asAdmin)).text()).toContain("您当前不能对此件执行办理操作");
    expect((await post(`/web/cases/${c.ref}/notices/${noticeId}/sign`, { version: await versionOn(c.ref, asOwner) }, undefined, asAdmin)).status).toBe(403);
    expect((await rows<{ status: string }>("SELECT status FROM supervision_notices WHERE id = ?", [noticeId]))[0]!.status).toBe("draft");

    const department = await joinedSpecialist({ role: "bizenv" });
    const asDepartment = await signIn(department.chat);
    const missingToken = await post(`/web/cases/${c.ref}/notices/${noticeId}/sign`, { version: await versionOn(c.ref, asDepartment) }, undefined, asDepartment, null);
    expect(missingToken.status).toBe(403);
    const signed = await post(`/web/cases/${c.ref}/notices/${noticeId}/sign`, { version: await versionOn(c.ref, asDepartment) }, undefined, asDepartment);
    expect(signed.status).toBe(303);
    const [notice] = await rows<{ status: string; number: string; text: string; signed_by: string; deadline_at: number }>("SELECT status, number, text, signed_by, deadline_at FROM supervision_notices WHERE id = ?", [noticeId]);
    expect(notice).toMatchObject({ status: "signed", signed_by: department.id });
    expect(notice!.number).toMatch(/^琼营商督〔\d{4}〕\d+号$/);
    expect(notice!.text).toContain(notice!.number);
    expect(notice!.text).toContain("提醒敦促函");
    expect(notice!.text).toContain(c.ref);
    expect(notice!.text).toContain(`海口市营商环境局（${(await rows<{ name: string }>("SELECT name FROM specialists WHERE id = ?", [head.id]))[0]!.name}）：`);
    expect(notice!.text).not.toContain("⟦no⟧");
    const issued = (await outboxOf(c.id)).filter((o) => o.dedupe_key.startsWith(`notice:${noticeId}:issued:`));
    expect(issued.map((o) => o.chat_id).sort()).toEqual([c.owner.chat.userId, head.chat.userId].sort());
    expect(issued.every((o) => JSON.parse(o.payload).text.includes(notice!.number))).toBe(true);
    expect((await eventsOf(c.id)).map((e) => e.type)).toContain("notice_signed");
    expect((await rows<{ escalation_level: number }>("SELECT escalation_level FROM cases WHERE id = ?", [c.id]))[0]!.escalation_level).toBe(1);
    // Signed once: a second sign-off is refused.
    const again = await post(`/web/cases/${c.ref}/notices/${noticeId}/sign`, { version: await versionOn(c.ref, asDepartment) }, undefined, asDepartment);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("此督办文书已不是草稿");

    // The department cannot reply for the unit; the unit head records the written reply once.
    expect((await post(`/web/cases/${c.ref}/notices/${noticeId}/reply`, { version: await versionOn(c.ref, asDepartment), reply: "代为报送" }, undefined, asDepartment)).status).toBe(403);
    const asHead = await signIn(head.chat);
    const emptyReply = await post(`/web/cases/${c.ref}/notices/${noticeId}/reply`, { version: await versionOn(c.ref, asHead), reply: "" }, undefined, asHead);
    expect(emptyReply.status).toBe(400);
    expect(await emptyReply.text()).toContain("“整改情况（书面答复）”无效：必填");
    const replied = await post(`/web/cases/${c.ref}/notices/${noticeId}/reply`, { version: await versionOn(c.ref, asHead), reply: "已督促专员当日答复企业，并建立台账周调度机制。" }, undefined, asHead);
    expect(replied.status).toBe(303);
    const [answer] = await rows<{ reply_text: string; replied_by: string }>("SELECT reply_text, replied_by FROM supervision_notices WHERE id = ?", [noticeId]);
    expect(answer).toEqual({ reply_text: "已督促专员当日答复企业，并建立台账周调度机制。", replied_by: head.id });
    expect((await outboxOf(c.id)).filter((o) => o.dedupe_key.startsWith(`notice:${noticeId}:replied:`)).map((o) => o.chat_id)).toContain(department.chat.userId);
    expect(await (await get(`/web/cases/${c.ref}`, asDepartment)).text()).toContain("已督促专员当日答复企业");
    const twice = await post(`/web/cases/${c.ref}/notices/${noticeId}/reply`, { version: await versionOn(c.ref, asHead), reply: "再次报送" }, undefined, asHead);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("已报送过整改情况");
  });

  it("does not sign a draft whose obligation was met meanwhile", async () => {
    const c = await ownedCase();
    const noticeId = await draftNotice(c.id, c.owner.unitId);
    const asOwner = await signIn(c.owner.chat);
    await post(`/web/cases/${c.ref}/acknowledge`, { version: await versionOn(c.ref, asOwner) }, undefined, asOwner);
    const asDepartment = await signIn((await joinedSpecialist({ role: "bizenv" })).chat);
    const refused = await post(`/web/cases/${c.ref}/notices/${noticeId}/sign`, { version: await versionOn(c.ref, asDepartment) }, undefined, asDepartment);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("The missed obligation has been met");
    expect((await rows<{ number: string | null }>("SELECT number FROM supervision_notices WHERE id = ?", [noticeId]))[0]!.number).toBeNull();
  });
});

describe("the drafts awaiting sign-off", () => {
  it("lists drafts oldest first with the unit, level, obligation and how late, and signed notices past their deadline; for the department and admins only", async () => {
    const a = await ownedCase();
    const b = await ownedCase();
    const older = await draftNotice(a.id, a.owner.unitId, { daysAgo: 9 });
    const newer = await draftNotice(b.id, b.owner.unitId, { daysAgo: 2, level: 2 });
    const department = await joinedSpecialist({ role: "bizenv" });
    const asDepartment = await signIn(department.chat);
    const response = await get("/web/supervision", asDepartment);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page.indexOf(`#notice-${older}`)).toBeGreaterThan(-1);
    expect(page.indexOf(`#notice-${older}`)).toBeLessThan(page.indexOf(`#notice-${newer}`));
    expect(page).toContain("责令整改通知书");
    expect(page).toMatch(/\d+ 个工作日/);
    expect(page).toContain('href="/web/supervision"');

    // Signed with its deadline passed and no reply: in the second list.
    await rows("UPDATE supervision_notices SET status = 'signed', number = ?, signed_at = ?, deadline_at = ? WHERE id = ?", [`测试〔2026〕${Date.now()}号`, Date.now() - 86_400_000 * 5, Date.now() - 86_400_000, older]);
    const after = await (await get("/web/supervision?lang=en", asDepartment)).text();
    expect(after).toContain("Past the rectification deadline with no reply");
    expect(after).toContain(`测试〔2026〕`);

    const administrator = await joinedSpecialist({ role: "admin" });
    expect((await get("/web/supervision", await signIn(administrator.chat))).status).toBe(200);
    const refused = await get("/web/supervision", await signIn(a.owner.chat));
    expect(refused.status).toBe(403);
    expect(await (await get("/web/cases", await signIn(a.owner.chat))).text()).not.toContain('href="/web/supervision"');
  });
});
