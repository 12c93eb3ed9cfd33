// Scenarios through the webhook and the cron together, from receipt to closure: the chats post
// through handleUpdate at chosen instants ("direct") and the cron ticks at chosen instants, so the
// clocks run as they would — an especially urgent appeal filed on a Spring Festival evening (hours,
// at night, on a holiday), an appointment at a later date the firm asked for, an urgent appeal
// assessed as not urgent, a policy question that needs study, an urgent appeal with no clear owner.
// (Supervision's own run — draft, sign-off, the unit, its reply, no next step once met — is
// tests/worker/supervision.test.ts.)
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client.ts";
import { loadFigures } from "../../db/queries/figures.ts";
import { admin } from "./support/admin.ts";
import { bj, tick } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, fileUrgent, registeredInvestor } from "./support/flows.ts";
import { aboutCase, buttonUnder, flush, responsibleUnit, supervisingOffice } from "./support/supervision.ts";

/** Ticks every 5 minutes over the night, and the outbox send at Telegram's pace: a while under the whole suite. */
const NIGHT_MS = 180_000;

const notices = (caseId: string) => rows<{ level: number; status: string }>("SELECT level, status FROM supervision_notices WHERE case_id = ? ORDER BY level, drafted_at", [caseId]);
const owed = (caseId: string) =>
  rows<{ obligation: string; clock: string; state: string; due_at: number; met_by: string | null }>("SELECT obligation, clock, state, due_at, met_by FROM case_obligations WHERE case_id = ? ORDER BY due_at, obligation", [caseId]);

/** A responsible unit, and a firm (its chat posting at chosen instants) whose specialist is the unit's owner. */
async function firmOfUnit() {
  const unit = await responsibleUnit();
  const { chat: investor, uscc } = await registeredInvestor("en", undefined, undefined, true);
  expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: unit.owner.id })).status).toBe(200);
  return { unit, investor };
}

describe("especially urgent appeal received on a holiday evening", () => {
  it("is reminded and supervised on hours through the night, signed off at midnight, assessed, heard and closed", async () => {
    const office = await supervisingOffice();
    const { unit, investor } = await firmOfUnit();

    // Mon 16 Feb 2026, Spring Festival, 20:00 Beijing: filed through the webhook.
    investor.clock = () => bj("2026-02-16", "20:00:00");
    await fileUrgent(investor, true);
    const [c] = await rows<{ id: string; ref: string; kind: string; owner_id: string }>("SELECT id, ref, kind, owner_id FROM cases WHERE created_by = ?", [investor.userId]);
    expect(c).toMatchObject({ kind: "especially_urgent", owner_id: unit.owner.id });
    // Response and assessment within 2 hours (22:00, on hours); the hearing after 3 working days (24, 25, 26 Feb).
    expect(await owed(c!.id)).toEqual([
      { obligation: "assessment", clock: "hours", state: "open", due_at: bj("2026-02-16", "22:00:00"), met_by: null },
      { obligation: "first_response", clock: "hours", state: "open", due_at: bj("2026-02-16", "22:00:00"), met_by: null },
      { obligation: "hearing_held", clock: "working_days", state: "open", due_at: bj("2026-02-26", "23:59:59"), met_by: null },
    ]);

    // The cron through the night: an hour before the due, when it is missed, the reminder letter drafted an hour later.
    for (let at = bj("2026-02-16", "20:05:00"); at <= bj("2026-02-16", "23:55:00"); at += 5 * 60_000) await tick(at);
    const toOwner = await aboutCase(unit.owner.chat.userId, c!.ref);
    expect(toOwner.filter((m) => /距时限已不足1小时/.test(m.text))).toHaveLength(2);
    expect(toOwner.filter((m) => /已超过时限/.test(m.text))).toHaveLength(2);
    expect(await notices(c!.id)).toEqual([{ level: 1, status: "draft" }]);
    // Unsigned an hour later, at midnight on the holiday: the department is reminded on hours.
    await tick(bj("2026-02-17", "00:00:00"));
    expect(await aboutCase(office.officer.chat.userId, c!.ref, /按小时计时.*尚未签发/)).toHaveLength(1);

    // Signed off at 00:05 in chat; the unit receives the numbered notice with its reply button.
    office.officer.chat.clock = () => bj("2026-02-17", "00:05:00");
    await office.officer.chat.post(office.officer.chat.callback(await buttonUnder(office.officer.chat.userId, c!.ref, "签发", /督办文书草稿待签发/)));
    await flush(c!.id);
    expect(await notices(c!.id)).toEqual([{ level: 1, status: "signed" }]);
    const [issued] = await aboutCase(unit.head.chat.userId, c!.ref, /提醒敦促函/);
    expect(issued?.text).toMatch(/琼营商督〔2026〕\d+号/);
    expect(issued?.text).toContain("已超期3小时");
    expect(issued?.buttons.map((b) => b.text)).toEqual(["📝 录入整改情况"]);
    // The firm sees only that the case is under supervision.
    investor.clock = () => bj("2026-02-17", "00:06:00");
    const status = (await investor.send(`/status ${c!.ref}`)).join("\n");
    expect(status).toContain("Under supervision");
    expect(status).not.toMatch(/提醒敦促函|Reminder letter/);

    // The owner assesses it at 00:08: the response and the assessment are met; no next step is drafted.
    unit.owner.chat.clock = () => bj("2026-02-17", "00:08:00");
    await unit.owner.chat.send(`/case ${c!.ref}`);
    await unit.owner.chat.tap("⚖️ 研判紧急程度");
    await unit.owner.chat.tap("情况特别紧急");
    await unit.owner.chat.tap("跳过");
    await unit.owner.chat.tap("✔ 提交");
    for (const time of ["00:10:00", "01:00:00", "02:00:00", "04:00:00", "06:00:00"]) await tick(bj("2026-02-17", time));
    expect(await notices(c!.id)).toEqual([{ level: 1, status: "signed" }]);

    // The hearing on the first working day after the holiday, then the resolution; the firm is satisfied.
    unit.owner.chat.clock = () => bj("2026-02-24", "10:00:00");
    await unit.owner.chat.send(`/case ${c!.ref}`);
    await unit.owner.chat.tap("🗣️ 登记听取意见或会商");
    await unit.owner.chat.send("2026-02-24");
    await unit.owner.chat.tap("组织会商");
    await unit.owner.chat.send("会同三亚海关会商，确定当日放行。");
    await unit.owner.chat.tap("✔ 提交");
    expect((await owed(c!.id)).map((o) => [o.obligation, o.state, o.met_by])).toEqual([
      ["assessment", "met", unit.owner.id],
      ["first_response", "met", unit.owner.id],
      ["hearing_held", "met", unit.owner.id],
    ]);
    await unit.owner.chat.tap("🏁 办结");
    await unit.owner.chat.send("设备已于当日放行。");
    await unit.owner.chat.tap("✔ 提交");
    await flush(c!.id);
    investor.clock = () => bj("2026-02-24", "11:00:00");
    await investor.tap("😊 Satisfied");
    expect(await rows("SELECT status, feedback FROM cases WHERE id = ?", [c!.id])).toEqual([{ status: "closed", feedback: "satisfied" }]);
    const events = await rows<{ type: string }>("SELECT type FROM case_events WHERE case_id = ? ORDER BY id", [c!.id]);
    expect(events.map((e) => e.type)).toEqual(["received", "assigned", "notice_drafted", "notice_signed", "assessed", "hearing_held", "resolved", "feedback"]);
  }, NIGHT_MS);
});

describe("appointment with a later date the firm asked for", () => {
  it("moves the meeting's due; reminders follow the new due and nothing is supervised at the old one; held on its day, resolved the next, on time", async () => {
    await supervisingOffice();
    const { unit, investor } = await firmOfUnit();

    // Mon 2 Mar 2026 10:00: the meeting is owed within 7 working days, by Wed 11 Mar.
    investor.clock = () => bj("2026-03-02", "10:00:00");
    await investor.send("/appointment");
    await investor.tap("Commerce department");
    await investor.send("Import of equipment under the zero-tariff policy.");
    await investor.tap("Skip");
    await investor.send("Jane Doe, general manager");
    await investor.tap("✔ Submit");
    const [c] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ?", [investor.userId]);

    // The owner acknowledges, then schedules Wed 18 Mar at the firm's request: the due moves to that day.
    const owner = unit.owner.chat;
    owner.clock = () => bj("2026-03-02", "11:00:00");
    await owner.send(`/case ${c!.ref}`);
    await owner.tap("✅ 确认受理");
    await owner.tap("📅 安排约见");
    await owner.send("2026-03-18");
    await owner.send("10:00");
    await owner.send("海口市政府 3 楼会议室");
    await owner.tap("企业提出");
    await owner.send("企业来电要求改到3月18日。");
    await owner.tap("✔ 提交");
    const meeting = async () => (await rows<{ due_at: number; original_due_at: number; moved: number; state: string }>("SELECT due_at, original_due_at, moved, state FROM case_obligations WHERE case_id = ? AND obligation = 'meeting_held'", [c!.id]))[0];
    expect(await meeting()).toEqual({ due_at: bj("2026-03-18", "23:59:59"), original_due_at: bj("2026-03-11", "23:59:59"), moved: 1, state: "open" });

    // The cron on each morning up to the meeting: past the original due, nothing is drafted or called overdue.
    for (const date of ["2026-03-03", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-16", "2026-03-17", "2026-03-18"]) await tick(bj(date));
    expect(await notices(c!.id)).toEqual([]);
    const reminders = (await aboutCase(unit.owner.chat.userId, c!.ref, /约见举行/)).map((m) => m.text);
    expect(reminders.filter((text) => /已超过时限/.test(text))).toEqual([]);
    expect(reminders.filter((text) => /时限为明天/.test(text))).toHaveLength(1);
    expect(reminders.filter((text) => /时限为今天.*请于今日内办结/.test(text))).toHaveLength(1);

    // Held on its day, resolved the day after: the figures count it on time (the meeting met its due).
    owner.clock = () => bj("2026-03-18", "15:00:00");
    await owner.send(`/case ${c!.ref}`);
    await owner.tap("🤝 登记约见已举行");
    await owner.send("2026-03-18");
    await owner.send("王副厅长");
    await owner.tap("是");
    await owner.send("经张厅长同意，委托王副厅长出席");
    await owner.tap("✔ 提交");
    expect((await meeting())!.state).toBe("met");
    owner.clock = () => bj("2026-03-19", "10:00:00");
    await owner.tap("🏁 办结");
    await owner.send("已安排商务厅与企业会面，设备进口可适用零关税政策。");
    await owner.tap("✔ 提交");
    for (const date of ["2026-03-19", "2026-03-20"]) await tick(bj(date, "11:00:00"));
    expect(await notices(c!.id)).toEqual([]);
    await flush(c!.id);
    investor.clock = () => bj("2026-03-20", "12:00:00");
    await investor.tap("😊 Satisfied");
    expect(await rows("SELECT status FROM cases WHERE id = ?", [c!.id])).toEqual([{ status: "closed" }]);
    const figures = await loadFigures(openDb({ url: env.LIBSQL_URL as string }), { unitId: unit.id }, { from: "2026-03-01", to: "2026-03-31" }, bj("2026-03-31"));
    expect(figures.total).toMatchObject({ received: 1, closed: 1, resolutionOnTime: { numerator: 1, denominator: 1, rate: 1 }, escalations: [0, 0, 0, 0] });
  }, NIGHT_MS);
});

describe("urgent appeal assessed as not urgent", () => {
  it("owes no hearing once downgraded: the answer is reminded by its due from receipt; missed, it is supervised until answered, then the draft is voided", async () => {
    const office = await supervisingOffice();
    const { unit, investor } = await firmOfUnit();

    // Mon 2 Mar 2026 10:00, filed as urgent: the hearing would be due Thu 5 Mar.
    investor.clock = () => bj("2026-03-02", "10:00:00");
    await fileUrgent(investor);
    const [c] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ?", [investor.userId]);

    // Assessed as not urgent at 11:00: an ordinary matter, answered within 10 working days of receipt (Mon 16 Mar).
    const owner = unit.owner.chat;
    owner.clock = () => bj("2026-03-02", "11:00:00");
    await owner.send(`/case ${c!.ref}`);
    await owner.tap("⚖️ 研判紧急程度");
    await owner.tap("不紧急（作为一般事项办理）");
    await owner.send("设备扣留系正常查验程序，预计三个工作日内完成，不属于紧急情形。");
    await owner.tap("✔ 提交");
    const [answer] = await rows<{ due_at: number; state: string }>("SELECT due_at, state FROM case_obligations WHERE case_id = ? AND obligation = 'answer'", [c!.id]);
    expect(answer).toEqual({ due_at: bj("2026-03-16", "23:59:59"), state: "open" });

    // The cron: nothing about the cancelled hearing; the answer reminded the working day before and on its day.
    for (const date of ["2026-03-03", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-13", "2026-03-16"]) await tick(bj(date));
    const aboutAnswer = (await aboutCase(unit.owner.chat.userId, c!.ref)).map((m) => m.text);
    expect(aboutAnswer.filter((text) => /^[⏰❗].*听取意见或组织会商/.test(text))).toEqual([]);
    expect(aboutAnswer.filter((text) => /答复时限为明天/.test(text))).toHaveLength(1);
    expect(aboutAnswer.filter((text) => /答复时限为今天/.test(text))).toHaveLength(1);
    expect(await notices(c!.id)).toEqual([]);

    // Missed: overdue at midnight, the reminder letter drafted at 09:00 on Tue 17 Mar, addressed to the unit.
    await tick(bj("2026-03-17", "00:05:00"));
    await tick(bj("2026-03-17", "09:05:00"));
    expect(await notices(c!.id)).toEqual([{ level: 1, status: "draft" }]);
    expect(await aboutCase(office.officer.chat.userId, c!.ref, /督办文书草稿待签发[\s\S]*答复/)).toHaveLength(1);

    // Answered at 10:00: the next tick voids the waiting draft and nothing more is drafted.
    owner.clock = () => bj("2026-03-17", "10:00:00");
    await owner.send(`/case ${c!.ref}`);
    await owner.tap("📝 答复企业");
    await owner.send("已与海关沟通，查验将于本周内完成，届时即可放行。");
    await owner.tap("✔ 提交");
    for (const [date, time] of [["2026-03-17", "10:05:00"], ["2026-03-18", "09:05:00"], ["2026-03-20", "09:05:00"]] as const) await tick(bj(date, time));
    expect(await notices(c!.id)).toEqual([{ level: 1, status: "void" }]);

    owner.clock = () => bj("2026-03-17", "11:00:00");
    await owner.tap("🏁 办结");
    await owner.send("设备已放行。");
    await owner.tap("✔ 提交");
    await flush(c!.id);
    investor.clock = () => bj("2026-03-18", "12:00:00");
    await investor.tap("😊 Satisfied");
    expect(await rows("SELECT kind, status FROM cases WHERE id = ?", [c!.id])).toEqual([{ kind: "ordinary", status: "closed" }]);
    // The answer was a day late: the figures say so; the response was on time; no notice was issued.
    const figures = await loadFigures(openDb({ url: env.LIBSQL_URL as string }), { unitId: unit.id }, { from: "2026-03-01", to: "2026-03-31" }, bj("2026-03-31"));
    expect(figures.total).toMatchObject({ firstResponseOnTime: { numerator: 1, denominator: 1 }, resolutionOnTime: { numerator: 0, denominator: 1 }, escalations: [0, 0, 0, 0] });
  }, NIGHT_MS);
});

describe("policy question that needs study", () => {
  it("moves the answer's due once; the cron reminds by the new date and supervises nothing at the old one; answered by it, on time", async () => {
    await supervisingOffice();
    const { unit, investor } = await firmOfUnit();

    // Mon 2 Mar 2026 10:00: the answer is owed within 10 working days, by Mon 16 Mar.
    investor.clock = () => bj("2026-03-02", "10:00:00");
    const c = await filePolicyQuestion(investor);
    const answer = async () => (await rows<{ due_at: number; original_due_at: number; moved: number; state: string }>("SELECT due_at, original_due_at, moved, state FROM case_obligations WHERE case_id = ? AND obligation = 'answer'", [c.id]))[0];
    expect((await answer())!.due_at).toBe(bj("2026-03-16", "23:59:59"));

    // Acknowledged at once; on Tue 10 Mar the owner says it needs study, with a new date: Wed 25 Mar.
    const owner = unit.owner.chat;
    owner.clock = () => bj("2026-03-02", "11:00:00");
    await owner.send(`/case ${c.ref}`);
    await owner.tap("✅ 确认受理");
    owner.clock = () => bj("2026-03-10", "10:00:00");
    await owner.send(`/case ${c.ref}`);
    await owner.tap("🔎 告知需研究");
    await owner.send("涉及融资租赁的适用口径，需征求海关总署意见。");
    await owner.send("2026-03-25");
    expect((await owner.tap("✔ 提交")).join()).toMatch(/已告知需研究/);
    expect(await answer()).toEqual({ due_at: bj("2026-03-25", "23:59:59"), original_due_at: bj("2026-03-16", "23:59:59"), moved: 1, state: "open" });

    // The cron: nothing at the old due; the new one reminded the day before and on its day.
    for (const date of ["2026-03-13", "2026-03-16", "2026-03-17", "2026-03-18", "2026-03-24", "2026-03-25"]) await tick(bj(date));
    const aboutAnswer = (await aboutCase(unit.owner.chat.userId, c.ref, /^[⏰❗].*答复/)).map((m) => m.text);
    expect(aboutAnswer.filter((text) => /已超过时限/.test(text))).toEqual([]);
    expect(aboutAnswer.filter((text) => /时限为明天/.test(text))).toHaveLength(1);
    expect(aboutAnswer.filter((text) => /时限为今天/.test(text))).toHaveLength(1);
    expect(await notices(c.id)).toEqual([]);

    owner.clock = () => bj("2026-03-25", "15:00:00");
    await owner.send(`/case ${c.ref}`);
    await owner.tap("📝 答复企业");
    await owner.send("经征求意见，融资租赁进口设备适用零关税政策。");
    await owner.tap("✔ 提交");
    await owner.tap("🏁 办结");
    await owner.send("已答复。");
    await owner.tap("✔ 提交");
    await tick(bj("2026-03-26"));
    expect(await notices(c.id)).toEqual([]);
    await flush(c.id);
    investor.clock = () => bj("2026-03-26", "12:00:00");
    await investor.tap("😊 Satisfied");
    expect(await rows("SELECT status FROM cases WHERE id = ?", [c.id])).toEqual([{ status: "closed" }]);
    const figures = await loadFigures(openDb({ url: env.LIBSQL_URL as string }), { unitId: unit.id }, { from: "2026-03-01", to: "2026-03-31" }, bj("2026-03-31"));
    expect(figures.total).toMatchObject({ firstResponseOnTime: { numerator: 1, denominator: 1 }, resolutionOnTime: { numerator: 1, denominator: 1 } });
  }, NIGHT_MS);
});

describe("urgent appeal with no clear owner", () => {
  it("waits in the department's queue, which the cron reminds on its due day; the department takes it with its assessment, holds the hearing in time and closes it, with nothing supervised", async () => {
    const office = await supervisingOffice();
    const officer = office.officer.chat;
    // Qiongzhong: no test puts a specialist on duty there, so nobody but the department can take it.
    const { chat: investor } = await registeredInvestor("en", undefined, "Qiongzhong", true);

    // Mon 9 Mar 2026 10:00: an urgent appeal; response and assessment by Tue 10 Mar, the hearing by Thu 12 Mar.
    investor.clock = () => bj("2026-03-09", "10:00:00");
    await fileUrgent(investor);
    const [c] = await rows<{ id: string; ref: string; kind: string; owner_id: string | null }>("SELECT id, ref, kind, owner_id FROM cases WHERE created_by = ?", [investor.userId]);
    expect(c).toMatchObject({ kind: "urgent", owner_id: null });
    expect(await owed(c!.id)).toEqual([
      { obligation: "assessment", clock: "working_days", state: "open", due_at: bj("2026-03-10", "23:59:59"), met_by: null },
      { obligation: "first_response", clock: "working_days", state: "open", due_at: bj("2026-03-10", "23:59:59"), met_by: null },
      { obligation: "hearing_held", clock: "working_days", state: "open", due_at: bj("2026-03-12", "23:59:59"), met_by: null },
    ]);

    // Tue 10 Mar 09:05: the cron reminds the department, whose queue it is, that the response is due today.
    await tick(bj("2026-03-10", "09:05:00"));
    expect((await aboutCase(officer.userId, c!.ref, /时限为今天/)).length).toBeGreaterThanOrEqual(1);

    // 10:00: the department's officer assesses it as urgent, and with that first step takes the case.
    officer.clock = () => bj("2026-03-10", "10:00:00");
    await officer.send(`/case ${c!.ref}`);
    await officer.tap("⚖️ 研判紧急程度");
    await officer.tap("紧急");
    await officer.tap("跳过");
    await officer.tap("✔ 提交");
    expect(officer.roundTrips.at(-1)).toBeLessThanOrEqual(2);
    expect(await rows("SELECT owner_id, status FROM cases WHERE id = ?", [c!.id])).toEqual([{ owner_id: office.officer.id, status: "acknowledged" }]);

    // Thu 12 Mar 15:00: the consultation is held on its due day; the next morning's tick supervises nothing.
    officer.clock = () => bj("2026-03-12", "15:00:00");
    await officer.send(`/case ${c!.ref}`);
    await officer.tap("🗣️ 登记听取意见或会商");
    await officer.send("2026-03-12");
    await officer.tap("组织会商");
    await officer.send("省营商环境建设厅牵头，会同海口海关会商，确定当日放行。");
    await officer.tap("✔ 提交");
    expect((await owed(c!.id)).map((o) => [o.obligation, o.state, o.met_by])).toEqual([
      ["assessment", "met", office.officer.id],
      ["first_response", "met", office.officer.id],
      ["hearing_held", "met", office.officer.id],
    ]);
    await tick(bj("2026-03-13", "09:05:00"));
    await tick(bj("2026-03-16", "09:05:00"));
    expect(await notices(c!.id)).toEqual([]);

    officer.clock = () => bj("2026-03-13", "10:00:00");
    await officer.tap("🏁 办结");
    await officer.send("设备已于会商当日放行。");
    await officer.tap("✔ 提交");
    await flush(c!.id);
    investor.clock = () => bj("2026-03-13", "12:00:00");
    await investor.tap("😊 Satisfied");
    expect(await rows("SELECT status FROM cases WHERE id = ?", [c!.id])).toEqual([{ status: "closed" }]);
  }, NIGHT_MS);
});
