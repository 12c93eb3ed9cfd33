import { describe, expect, it } from "vitest";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { registeredInvestor } from "./support/flows.ts";

const waitForMessage = (chat: Chat, pattern: RegExp) =>
  expect
    .poll(async () => (await chat.messages()).map((m) => String(m.payload.text)).find((text) => pattern.test(text)), { timeout: 10_000 })
    .toBeTruthy();

async function caseOf(telegramId: number) {
  const [row] = await rows<{ id: string; ref: string; status: string; owner_id: string | null; pending_owner_id: string | null; resolution_due_at: number }>(
    "SELECT id, ref, status, owner_id, pending_owner_id, resolution_due_at FROM cases WHERE created_by = ? ORDER BY received_at DESC LIMIT 1",
    [telegramId],
  );
  return row!;
}

async function fileAppointment(chat: Chat) {
  await chat.send("/appointment");
  await chat.tap("Commerce department");
  await chat.send("Import of equipment under the zero-tariff policy.");
  await chat.tap("Skip");
  await chat.send("Jane Doe, general manager");
  await chat.tap("✔ Submit");
}

/** An investor whose firm is assigned to a joined specialist, with one meeting request filed. */
async function assignedCase() {
  const specialist = await joinedSpecialist();
  const { chat: investor, uscc } = await registeredInvestor("en");
  expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
  await fileAppointment(investor);
  const filed = await caseOf(investor.userId);
  await waitForMessage(specialist.chat, new RegExp(filed.ref));
  return { specialist, investor, filed };
}

describe("specialists join by invite only", () => {
  it("refuses a wrong or reused invite code", async () => {
    const { inviteCode, chat } = await joinedSpecialist();
    const intruder = new Chat("zh-hans");
    expect((await intruder.send(`/join ${inviteCode}`)).join()).toMatch(/无效、已过期或已被使用/);
    expect((await intruder.send("/join ABCD-EFGH-JKLM")).join()).toMatch(/无效、已过期或已被使用/);
    expect(await rows("SELECT 1 FROM specialists WHERE telegram_id = ?", [intruder.userId])).toHaveLength(0);
    expect(await rows("SELECT 1 FROM specialists WHERE telegram_id = ?", [chat.userId])).toHaveLength(1);
  });

  it("sets and clears a deputy, who then receives the reminder letters too", async () => {
    const { chat, id } = await joinedSpecialist();
    const deputy = await joinedSpecialist();
    expect((await chat.send("/deputy no-such-one")).join()).toMatch(/没有找到/);
    expect((await chat.send(`/deputy ${deputy.id}`)).join()).toContain(deputy.id);
    expect(await rows("SELECT deputy_id FROM specialists WHERE id = ?", [id])).toEqual([{ deputy_id: deputy.id }]);
    await chat.send("/deputy off");
    expect(await rows("SELECT deputy_id FROM specialists WHERE id = ?", [id])).toEqual([{ deputy_id: null }]);
  });

  it("keeps investors out of specialist commands", async () => {
    const { chat } = await registeredInvestor("en");
    expect((await chat.send("/mine"))[0]).toMatch(/registered enterprise service specialists/);
  });

  it("requires the admin token, compared in full", async () => {
    expect((await admin("POST", "/admin/units", { id: "x-unit" }, "wrong-token-0123456789abcdef")).status).toBe(401);
    const bad = await admin("POST", "/admin/units", { id: "Bad Id", nameZh: "", kind: "planet" });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { issues: { field: string; rule: { zh: string; en: string } }[] };
    expect(body.issues.map((i) => i.field)).toEqual(expect.arrayContaining(["id", "nameZh", "nameEn", "kind"]));
    expect(body.issues.find((i) => i.field === "id")!.rule).toEqual({ zh: "应为 2–40 位小写字母、数字或 -", en: "must be 2–40 lower-case letters, digits or -" });
  });
});

describe("the loop investor → specialist → investor", () => {
  it("routes to the firm's specialist, who acknowledges, schedules the meeting, records it held and resolves", async () => {
    const { specialist, investor, filed } = await assignedCase();
    expect(filed).toMatchObject({ status: "assigned", owner_id: specialist.id });

    // The owner hears at once, in Chinese, with the firm's own words and the action buttons.
    await waitForMessage(specialist.chat, new RegExp(`${filed.ref}.*请在`));
    const notice = (await specialist.chat.messages()).find((m) => String(m.payload.text).includes(filed.ref))!;
    expect(String(notice.payload.text)).toContain("Import of equipment under the zero-tariff policy.");
    expect(JSON.stringify(notice.payload.reply_markup)).toContain(`sp:ack:${filed.id}`);
    // The firm hears it was assigned: English first, then Chinese, with the unit and the link.
    await waitForMessage(investor, new RegExp(`\\[${filed.ref}\\] Status: Assigned`));

    await specialist.chat.tap("✅ 确认受理");
    expect((await caseOf(investor.userId)).status).toBe("acknowledged");
    await waitForMessage(investor, /Status: Acknowledged/);
    const update = (await investor.messages()).map((m) => String(m.payload.text)).find((t) => /Status: Acknowledged/.test(t))!;
    expect(update.indexOf("Status: Acknowledged")).toBeLessThan(update.indexOf("状态更新"));
    expect(update).toContain("Haikou Business Environment Bureau");
    expect(update).toMatch(/http:\/\/desk\.test\/s\/[A-Za-z0-9_-]{32}/);
    // What comes next is the meeting, by a date (never 23:59): the first response is done.
    expect(update).toMatch(/Next: the meeting, held by \w{3} \d{1,2} \w{3} 20\d\d/);
    expect(update).not.toContain("23:59");
    expect(await rows("SELECT state, met_by FROM case_obligations WHERE case_id = ? AND obligation = 'first_response'", [filed.id])).toEqual([{ state: "met", met_by: specialist.id }]);

    // A weekend, or a date after the due without the firm's request, is refused; nothing changes.
    await specialist.chat.tap("📅 安排约见");
    await specialist.chat.send("2099-01-03");
    await specialist.chat.send("10:00");
    await specialist.chat.send("海口市政府 3 楼会议室");
    await specialist.chat.tap("否（在时限内）");
    expect((await specialist.chat.tap("✔ 提交")).join()).toMatch(/不是工作日/);
    await specialist.chat.tap("📅 安排约见");
    await specialist.chat.send("2099-01-05");
    await specialist.chat.send("10:00");
    await specialist.chat.send("海口市政府 3 楼会议室");
    await specialist.chat.tap("否（在时限内）");
    expect((await specialist.chat.tap("✔ 提交")).join()).toMatch(/晚于时限.*只有企业提出或同意的日期/);
    expect((await caseOf(investor.userId)).status).toBe("acknowledged");

    // The firm asked for a later date: it is accepted and the due moves to that day, as a ledger event.
    await specialist.chat.tap("📅 安排约见");
    await specialist.chat.send("2099-01-05");
    await specialist.chat.send("10:00");
    await specialist.chat.send("海口市政府 3 楼会议室");
    await specialist.chat.tap("企业提出");
    await specialist.chat.send("企业来电要求改到下月。");
    await specialist.chat.tap("✔ 提交");
    expect((await caseOf(investor.userId)).status).toBe("meeting_scheduled");
    await waitForMessage(investor, /Status: Meeting scheduled/);
    const [meeting] = await rows<{ due_at: number; original_due_at: number; moved: number }>(
      "SELECT due_at, original_due_at, moved FROM case_obligations WHERE case_id = ? AND obligation = 'meeting_held'",
      [filed.id],
    );
    expect(meeting!.moved).toBe(1);
    expect(new Date(meeting!.due_at + 8 * 3_600_000).toISOString().slice(0, 16)).toBe("2099-01-05T23:59");
    expect(meeting!.original_due_at).toBeLessThan(meeting!.due_at);

    // Resolving before the meeting is held is refused: the meeting is what the firm asked for.
    await specialist.chat.tap("🏁 办结");
    await specialist.chat.send("已安排商务厅与企业会面。");
    expect((await specialist.chat.tap("✔ 提交")).join()).toMatch(/“约见举行”尚未完成/);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await specialist.chat.tap("🤝 登记约见已举行");
    await specialist.chat.send(today);
    await specialist.chat.send("王副厅长");
    await specialist.chat.tap("是");
    await specialist.chat.send("经张厅长同意，委托王副厅长出席");
    await specialist.chat.tap("✔ 提交");
    await waitForMessage(investor, /With the approval of the head of the department, 王副厅长 attended/);

    await specialist.chat.tap("🏁 办结");
    await specialist.chat.send("已安排商务厅与企业会面，设备进口可适用零关税政策。");
    await specialist.chat.tap("✔ 提交");
    expect((await caseOf(investor.userId)).status).toBe("resolved");
    await waitForMessage(investor, /Outcome: 已安排商务厅/);
    const events = await rows<{ type: string; from_status: string | null; to_status: string | null; actor_type: string; data: string | null }>(
      "SELECT type, from_status, to_status, actor_type, data FROM case_events WHERE case_id = ? ORDER BY id",
      [filed.id],
    );
    expect(events.map((e) => e.type)).toEqual(["received", "assigned", "acknowledged", "meeting_scheduled", "due_moved", "meeting_held", "resolved"]);
    expect(JSON.parse(events[5]!.data!)).toMatchObject({ delegated: { official: "王副厅长", approvedBy: "经张厅长同意，委托王副厅长出席" } });
    expect(events.at(-1)).toMatchObject({ type: "resolved", from_status: "in_progress", to_status: "resolved", actor_type: "specialist" });

    // Illegal now: acknowledging a resolved case.
    const illegal = await specialist.chat.tap("✅ 确认受理");
    expect(illegal.join()).toMatch(/当前状态下不能执行此操作/);
  });

  it("relays a reply to the firm, labelled, and the firm's message back to the owner", async () => {
    const { specialist, investor, filed } = await assignedCase();
    await specialist.chat.tap("💬 回复企业");
    await specialist.chat.send("请提供设备清单 <b>和</b> 报关单。");
    await specialist.chat.tap("✔ 提交");
    await waitForMessage(investor, /The specialist replies: 请提供设备清单 &lt;b&gt;和&lt;\/b&gt; 报关单。/);
    const statusShown = await investor.send(`/status ${filed.ref}`);
    expect(statusShown.join()).toContain(filed.ref);
    await investor.tap("Add a message or file");
    await investor.send("The list is attached.");
    await waitForMessage(specialist.chat, new RegExp(`【${filed.ref}】企业补充说明：\\s*The list is attached\\.`));
  });

  it("asks the firm to rate a resolution: unsatisfied reopens to the same owner, satisfied closes", async () => {
    const { specialist, investor, filed } = await assignedCase();
    const head = await joinedSpecialist({ role: "unit_head", unitId: specialist.unitId });
    // The meeting is what the firm asked for: held first, then resolved.
    await specialist.chat.tap("🤝 登记约见已举行");
    await specialist.chat.send(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    await specialist.chat.send("商务厅李处长");
    await specialist.chat.tap("否");
    await specialist.chat.tap("✔ 提交");
    const resolve = async () => {
      await specialist.chat.tap("🏁 办结");
      await specialist.chat.send("已协调海关，设备可正常通关。");
      await specialist.chat.tap("✔ 提交");
    };
    await resolve();
    await waitForMessage(investor, /How was your case handled\?/);
    const before = await caseOf(investor.userId);
    await investor.tap("🙁 Unsatisfied");
    const reopened = await caseOf(investor.userId);
    expect(reopened).toMatchObject({ status: "in_progress", owner_id: specialist.id });
    // The reopened case owes a new first response; the original dues stay in history for the figures.
    const owed = await rows<{ obligation: string; cycle: number; state: string }>("SELECT obligation, cycle, state FROM case_obligations WHERE case_id = ? ORDER BY cycle, obligation", [filed.id]);
    expect(owed).toEqual([
      { obligation: "first_response", cycle: 1, state: "met" },
      { obligation: "meeting_held", cycle: 1, state: "met" },
      { obligation: "first_response", cycle: 2, state: "open" },
    ]);
    expect(reopened.resolution_due_at).toBe(before.resolution_due_at);
    await waitForMessage(specialist.chat, new RegExp(`${filed.ref}.*不满意`));
    await waitForMessage(head.chat, new RegExp(`${filed.ref}.*不满意`));
    // A second tap on the same survey does nothing.
    await investor.tap("😊 Satisfied");
    expect((await caseOf(investor.userId)).status).toBe("in_progress");
    await investor.send("The equipment is still held at the port.");
    await waitForMessage(specialist.chat, /The equipment is still held at the port\./);

    await resolve();
    await expect.poll(async () => (await investor.messages()).filter((m) => /How was your case handled\?/.test(String(m.payload.text))).length, { timeout: 10_000 }).toBe(2);
    await investor.tap("😊 Satisfied");
    expect(await rows("SELECT status, feedback FROM cases WHERE id = ?", [filed.id])).toEqual([{ status: "closed", feedback: "satisfied" }]);
  });

  it("refuses a specialist of another unit, and an investor, on every action", async () => {
    const { investor, filed } = await assignedCase();
    const stranger = await joinedSpecialist();
    const refused = await stranger.chat.post(stranger.chat.callback(`sp:ack:${filed.id}`));
    expect(refused.status).toBe(200);
    await investor.post(investor.callback(`sp:resolve:${filed.id}`));
    expect((await caseOf(investor.userId)).status).toBe("assigned");
    const none = await rows("SELECT 1 FROM case_events WHERE case_id = ? AND actor_type = 'specialist'", [filed.id]);
    expect(none).toHaveLength(0);
  });

  it("brings in a co-handler who may reply but not resolve; a transfer waits for the department's approval", async () => {
    const { specialist, investor, filed } = await assignedCase();
    const helper = await joinedSpecialist();
    await specialist.chat.tap("👥 邀请协办");
    await specialist.chat.send(helper.id);
    await specialist.chat.tap("✔ 提交");
    await waitForMessage(helper.chat, new RegExp(`【${filed.ref}】您被邀请协办`));
    expect(await rows("SELECT specialist_id FROM case_co_handlers WHERE case_id = ?", [filed.id])).toEqual([{ specialist_id: helper.id }]);
    await helper.chat.send(`/case ${filed.ref}`);
    await helper.chat.tap("💬 回复企业");
    await helper.chat.send("协办单位已联系海关。");
    await helper.chat.tap("✔ 提交");
    await waitForMessage(investor, /The specialist replies: 协办单位已联系海关。/);
    await helper.chat.tap("🏁 办结");
    expect((await caseOf(investor.userId)).owner_id).toBe(specialist.id);

    const other = await joinedSpecialist();
    const department = await joinedSpecialist({ role: "bizenv" });
    await specialist.chat.tap("↪️ 转交");
    await specialist.chat.send(other.id);
    await specialist.chat.send("涉及海关事务，由口岸专员办理更合适。");
    await specialist.chat.tap("✔ 提交");
    expect(await caseOf(investor.userId)).toMatchObject({ owner_id: specialist.id, pending_owner_id: other.id });
    await waitForMessage(department.chat, new RegExp(`【${filed.ref}】负责专员申请将此件转交给 ${other.id}`));
    // Only the department approves: the proposed owner cannot take it themselves.
    await other.chat.post(other.chat.callback(`sp:approve:${filed.id}`));
    expect(await caseOf(investor.userId)).toMatchObject({ owner_id: specialist.id });
    await department.chat.tap("✅ 批准转交");
    expect(await caseOf(investor.userId)).toMatchObject({ owner_id: other.id, pending_owner_id: null });
    await waitForMessage(other.chat, new RegExp(`【${filed.ref}】此政企约见现由您负责办理`));
    const [transferred] = await rows<{ data: string }>("SELECT data FROM case_events WHERE case_id = ? AND type = 'transferred'", [filed.id]);
    expect(JSON.parse(transferred!.data)).toMatchObject({ from: specialist.id, to: other.id, approvedBy: department.id });

    // A transfer to nobody is refused and changes nothing.
    await other.chat.send(`/case ${filed.ref}`);
    await other.chat.tap("↪️ 转交");
    await other.chat.send("no-such-specialist");
    await other.chat.send("测试不存在的专员。");
    expect((await other.chat.tap("✔ 提交")).join()).toMatch(/没有找到编号为 no-such-specialist/);
    expect(await caseOf(investor.userId)).toMatchObject({ owner_id: other.id, pending_owner_id: null });
  });

  it("routes to the on-duty specialist of the area, else to the department's queue", async () => {
    const { chat: queued } = await registeredInvestor("en", undefined, "Sansha");
    await fileAppointment(queued);
    expect(await caseOf(queued.userId)).toMatchObject({ status: "received", owner_id: null });

    const onDuty = await joinedSpecialist({ areaCode: "sansha" });
    await onDuty.chat.send("/duty on");
    const { chat: routed } = await registeredInvestor("en", undefined, "Sansha");
    await fileAppointment(routed);
    expect(await caseOf(routed.userId)).toMatchObject({ status: "assigned", owner_id: onDuty.id });
    const mine = (await onDuty.chat.send("/mine")).join();
    expect(mine).toContain((await caseOf(routed.userId)).ref);
  });
});
