// 三书一函 as a workflow, through the cron and the webhook: the cron drafts, the department signs
// off in chat, the unit receives the numbered document and records its reply, and the ladder stops
// once the obligation is met. Cases are received in the past; each update runs at a chosen "now".
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client.ts";
import { claimStatement, liveNoticesOf, obligationsOfCases } from "../../workers/jobs/alerts.ts";
import { bj, pastCase, tick } from "./support/cron.ts";
import { rows } from "./support/db.ts";
import { callbackAnswers } from "./support/telegram.ts";
import { aboutCase, buttonUnder, DEPARTMENT_NAME, flush, responsibleUnit, supervisingOffice, tapInGroup } from "./support/supervision.ts";

/** An appointment received Mon 2 Mar 2026 10:00: first response due Tue 3 Mar, the meeting within 7 working days (Wed 11 Mar). */
async function appointment(owner: Awaited<ReturnType<typeof responsibleUnit>>["owner"]) {
  return pastCase(bj("2026-03-02", "10:00:00"), bj("2026-03-03", "23:59:59"), bj("2026-03-11", "23:59:59"), "assigned", { kind: "appointment", specialist: owner });
}

/** Each tick also sends what other test files left in the outbox, at Telegram's pace: under the whole suite a run of ticks takes a while. */
const MANY_TICKS_MS = 120_000;

const notices = (caseId: string) =>
  rows<{ id: string; level: number; status: string; number: string | null; obligation: string; unit_id: string; reply_text: string | null; text: string | null }>(
    "SELECT id, level, status, number, obligation, unit_id, reply_text, text FROM supervision_notices WHERE case_id = ? ORDER BY drafted_at, level",
    [caseId],
  );

describe("supervision run: draft → sign-off → the unit → its reply → no next step once met", () => {
  it("goes through the cron and the webhook, each update in two round trips", async () => {
    const office = await supervisingOffice();
    const unit = await responsibleUnit();
    const c = await appointment(unit.owner);
    const officer = office.officer.chat;
    const unitChats = [unit.groupId, unit.head.chat.userId, unit.owner.chat.userId, unit.deputy.chat.userId];

    // Wed 4 Mar 09:05: the first response is a working day overdue; the reminder letter is drafted.
    await tick(bj("2026-03-04"));
    // The draft goes to every department member and group: what one tick's claim did not reach goes now.
    await flush(c.id);
    const [draft] = await notices(c.id);
    expect(draft).toMatchObject({ level: 1, status: "draft", number: null, obligation: "first_response", unit_id: unit.id });
    for (const chat of [officer.userId, office.groupId]) {
      const [message] = await aboutCase(chat, c.ref, /督办文书草稿待签发/);
      expect(message?.text).toContain("提醒敦促函");
      expect(message?.text).toContain(`三亚市营商环境建设局（${(await rows<{ name: string }>("SELECT name FROM specialists WHERE id = ?", [unit.head.id]))[0]!.name}）：`);
      // A draft has no number yet, and its deadline counts from the sign-off.
      expect(message?.text).toContain("文号：签发时编号");
      expect(message?.text).toContain("请你单位督促负责专员立即办理，于签发之日起3个工作日内完成");
      expect(message?.buttons.map((b) => b.text)).toEqual(["✍️ 签发"]);
    }
    // Nothing reaches the unit before sign-off.
    for (const chat of unitChats) expect(await aboutCase(chat, c.ref, /提醒敦促函/)).toEqual([]);

    // The owner cannot sign it off; the department's officer can, at 10:00.
    const signData = await buttonUnder(officer.userId, c.ref, "签发", /督办文书草稿待签发/);
    const ownerTap = unit.owner.chat.callback(signData);
    unit.owner.chat.clock = () => bj("2026-03-04", "09:50:00");
    await unit.owner.chat.post(ownerTap);
    expect((await callbackAnswers(ownerTap)).map((a) => a.payload.text)).toEqual(["仅营商环境建设部门工作人员可签发督办文书。"]);
    expect((await notices(c.id))[0]!.status).toBe("draft");

    const [counter] = await rows<{ last: number }>("SELECT last FROM notice_number_counters WHERE year = 2026");
    const number = `琼营商督〔2026〕${(counter?.last ?? 0) + 1}号`;
    officer.clock = () => bj("2026-03-04", "10:00:00");
    await officer.post(officer.callback(signData));
    expect(officer.roundTrips.at(-1)).toBeLessThanOrEqual(2);
    await flush(c.id);
    const [signed] = await notices(c.id);
    expect(signed).toMatchObject({ status: "signed", number });
    expect(signed!.text).toContain(number);
    expect(signed!.text).not.toContain("⟦");
    expect((await officer.said()).some((t) => t.includes(`文号 ${number}`))).toBe(true);
    // The document, numbered, to the unit's group, its head, the owner and the deputy, with the reply button.
    for (const chat of unitChats) {
      const documents = await aboutCase(chat, c.ref, /提醒敦促函/);
      expect(documents, `chat ${chat}`).toHaveLength(1);
      const text = documents[0]!.text;
      for (const part of [number, "三亚市营商环境建设局", DEPARTMENT_NAME, "2026年3月4日", "2026年3月3日", "1个工作日", "2026年3月9日前"]) expect(text).toContain(part);
      expect(documents[0]!.buttons.map((b) => b.text)).toEqual(["📝 录入整改情况"]);
    }
    expect(await rows("SELECT escalation_level FROM cases WHERE id = ?", [c.id])).toEqual([{ escalation_level: 1 }]);
    const [signedEvent] = await rows<{ actor_id: string; data: string }>("SELECT actor_id, data FROM case_events WHERE case_id = ? AND type = 'notice_signed'", [c.id]);
    expect(signedEvent!.actor_id).toBe(office.officer.id);
    expect(JSON.parse(signedEvent!.data)).toMatchObject({ noticeId: signed!.id, level: 1, notice: "reminder_letter", obligation: "first_response" });

    // Signed once: a second tap is refused and takes no second number.
    const again = officer.callback(signData);
    await officer.post(again);
    expect((await callbackAnswers(again))[0]?.payload.text).toBe(`此文书已签发（文号 ${number}），无需重复签发。`);
    expect((await notices(c.id))[0]!.number).toBe(number);

    // The unit head taps 录入整改情况 in the unit's group, and types the reply in private.
    const replyData = await buttonUnder(unit.groupId, c.ref, "录入整改情况");
    unit.head.chat.clock = () => bj("2026-03-04", "10:30:00");
    await unit.head.chat.post(tapInGroup(unit.head.chat, unit.groupId, replyData));
    expect((await unit.head.chat.said()).join()).toMatch(/请输入.*整改情况/);
    const tooLong = "整".repeat(2001);
    expect((await unit.head.chat.send(tooLong)).join()).toMatch(/整改情况：最多 2000 字.*Rectification report: at most 2000 characters/s);
    const reply = await unit.head.chat.send("已督促专员于3月4日联系企业，约见安排在3月9日。");
    expect(reply.join()).toContain("已录入");
    expect(unit.head.chat.roundTrips.every((n) => n <= 2)).toBe(true);
    await flush(c.id);
    expect((await notices(c.id))[0]!.reply_text).toBe("已督促专员于3月4日联系企业，约见安排在3月9日。");
    expect(await aboutCase(officer.userId, c.ref, /收到三亚市营商环境建设局的整改情况[\s\S]*约见安排在3月9日/)).toHaveLength(1);
    // Once only: the deputy's tap afterwards is refused.
    const deputyTap = unit.deputy.chat.callback(replyData);
    unit.deputy.chat.clock = () => bj("2026-03-04", "11:00:00");
    await unit.deputy.chat.post(deputyTap);
    expect((await callbackAnswers(deputyTap))[0]?.payload.text).toMatch(/已于 .* 录入，不能重复录入/);

    // Thu 5 Mar: still no first response, so the rectification notice is drafted and waits.
    await tick(bj("2026-03-05"));
    expect((await notices(c.id)).map((n) => [n.level, n.status])).toEqual([[1, "signed"], [2, "draft"]]);

    // The owner acknowledges at 10:00: the first response is met (the meeting is due 11 Mar).
    unit.owner.chat.clock = () => bj("2026-03-05", "10:00:00");
    await unit.owner.chat.send(`/case ${c.ref}`);
    await unit.owner.chat.tap("确认受理");
    expect(await rows("SELECT state FROM case_obligations WHERE case_id = ? AND obligation = 'first_response'", [c.id])).toEqual([{ state: "met" }]);

    // Signing the waiting draft now is refused: its obligation is met.
    const secondData = await buttonUnder(officer.userId, c.ref, "签发", /责令整改通知书/);
    const secondSign = officer.callback(secondData);
    officer.clock = () => bj("2026-03-05", "10:01:00");
    await officer.post(secondSign);
    expect((await callbackAnswers(secondSign))[0]?.payload.text).toContain("首次响应已办理，此草稿不再签发");

    // The next tick voids it; no next step is drafted on the days after.
    for (const [date, time] of [["2026-03-05", "10:05:00"], ["2026-03-06", "09:05:00"], ["2026-03-09", "09:05:00"], ["2026-03-10", "09:05:00"]] as const) await tick(bj(date, time));
    expect((await notices(c.id)).map((n) => [n.level, n.status])).toEqual([[1, "signed"], [2, "void"]]);
    const events = await rows<{ type: string }>("SELECT type FROM case_events WHERE case_id = ? AND type LIKE 'notice_%' ORDER BY id", [c.id]);
    expect(events.map((e) => e.type)).toEqual(["notice_drafted", "notice_signed", "notice_replied", "notice_drafted", "notice_voided"]);
    for (const chat of unitChats) expect(await aboutCase(chat, c.ref, /责令整改通知书/)).toEqual([]);
    // A tap on the voided draft says so.
    const voidTap = officer.callback(secondData);
    officer.clock = () => bj("2026-03-05", "10:10:00");
    await officer.post(voidTap);
    expect((await callbackAnswers(voidTap))[0]?.payload.text).toBe("此草稿已作废：所涉事项已办理，不再签发。");
  }, MANY_TICKS_MS);

  it("reminds the department of an unsigned draft once, a working day later", async () => {
    const office = await supervisingOffice();
    const unit = await responsibleUnit();
    const c = await appointment(unit.owner);
    await tick(bj("2026-03-04"));
    for (const at of [bj("2026-03-04", "16:00:00"), bj("2026-03-05", "08:55:00")]) await tick(at);
    expect(await aboutCase(office.officer.chat.userId, c.ref, /尚未签发/)).toEqual([]);
    for (const at of [bj("2026-03-05", "09:00:00"), bj("2026-03-05", "09:05:00"), bj("2026-03-06", "09:05:00"), bj("2026-03-09", "09:05:00")]) await tick(at);
    for (const chat of [office.officer.chat.userId, office.groupId]) {
      const reminders = await aboutCase(chat, c.ref, /已满一个工作日尚未签发/);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.buttons.map((b) => b.text)).toEqual(["✍️ 签发"]);
    }
    // Waiting for sign-off, the ladder drafts nothing further.
    expect((await notices(c.id)).map((n) => [n.level, n.status])).toEqual([[1, "draft"]]);
  }, MANY_TICKS_MS);

  it("drafts once however many ticks run at once or again", async () => {
    const office = await supervisingOffice();
    const unit = await responsibleUnit();
    const c = await appointment(unit.owner);
    await Promise.all([tick(bj("2026-03-04")), tick(bj("2026-03-04")), tick(bj("2026-03-04", "09:06:00"))]);
    await tick(bj("2026-03-04", "09:10:00"));
    expect(await notices(c.id)).toHaveLength(1);
    expect(await aboutCase(office.officer.chat.userId, c.ref, /督办文书草稿待签发/)).toHaveLength(1);
    expect(await rows("SELECT dedupe_key FROM outbox WHERE case_id = ? GROUP BY dedupe_key HAVING count(*) > 1", [c.id])).toEqual([]);
  }, MANY_TICKS_MS);

  it("runs on hours for an especially urgent appeal received on a Spring Festival evening", async () => {
    const office = await supervisingOffice();
    const unit = await responsibleUnit();
    // Mon 16 Feb 2026 20:00 Beijing, a public holiday: the response is due within 2 hours, 22:00.
    const received = bj("2026-02-16", "20:00:00");
    const c = await pastCase(received, bj("2026-02-16", "22:00:00"), bj("2026-02-26", "23:59:59"), "assigned", { kind: "especially_urgent", specialist: unit.owner });
    for (let at = received; at <= bj("2026-02-16", "23:30:00"); at += 5 * 60_000) await tick(at);
    const toOwner = await aboutCase(unit.owner.chat.userId, c.ref);
    expect(toOwner.filter((m) => /距时限已不足1小时/.test(m.text)).map((m) => m.text)).toHaveLength(2); // first response and assessment
    expect(toOwner.filter((m) => /已超过时限/.test(m.text))).toHaveLength(2);
    const [draft] = await rows<{ drafted_at: number; level: number }>("SELECT drafted_at, level FROM supervision_notices WHERE case_id = ?", [c.id]);
    // An hour after the missed due, at night on a holiday, not after the holiday.
    expect(draft).toEqual({ drafted_at: bj("2026-02-16", "23:00:00"), level: 1 });
    const [message] = await aboutCase(office.officer.chat.userId, c.ref, /督办文书草稿待签发/);
    expect(message?.text).toContain("已超期1小时");
    expect(message?.text).toContain("22:00");
  }, MANY_TICKS_MS);
});

describe("the cron's claim: work proportional to what is due", () => {
  it("finds the due cases through the next_alert_at index and reads only the claimed cases by their keys", async () => {
    const { db } = openDb({ url: env.LIBSQL_URL as string });
    const plan = async (query: { toSQL(): { sql: string; params: unknown[] } }) => {
      const { sql, params } = query.toSQL();
      return (await rows<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as never)).map((r) => r.detail);
    };
    const claim = await plan(claimStatement(db, bj("2026-03-04"), bj("2026-03-04", "09:15:00")));
    expect(claim.some((d) => /SEARCH cases USING (COVERING )?INDEX cases_next_alert \(next_alert_at/.test(d)), claim.join("\n")).toBe(true);
    expect(claim.filter((d) => /^SCAN cases\b/.test(d))).toEqual([]);
    const ids = ["a", "b"];
    const obligations = await plan(obligationsOfCases(db, ids));
    expect(obligations.join("\n")).toMatch(/SEARCH case_obligations USING INDEX sqlite_autoindex_case_obligations_1 \(case_id=\?\)/);
    const live = await plan(liveNoticesOf(db, ids));
    expect(live.join("\n")).toMatch(/SEARCH supervision_notices USING INDEX supervision_notices_case_level \(case_id=\?\)/);
  });
});
