// One scenario per kind through the webhook, from receipt to closure, as the people in the seeds
// would go through it: each obligation met by its own step, with who and when.
import { describe, expect, it } from "vitest";
import { admin, joinedSpecialist } from "./support/admin.ts";
import type { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, fileUrgent, registeredInvestor } from "./support/flows.ts";

const waitForMessage = (chat: Chat, pattern: RegExp) =>
  expect
    .poll(async () => (await chat.messages()).map((m) => String(m.payload.text)).find((text) => pattern.test(text)), { timeout: 10_000 })
    .toBeTruthy();

const obligations = (caseId: string) =>
  rows<{ obligation: string; cycle: number; state: string; met_by: string | null; moved: number; due_at: number }>(
    "SELECT obligation, cycle, state, met_by, moved, due_at FROM case_obligations WHERE case_id = ? ORDER BY cycle, due_at, obligation",
    [caseId],
  );

const caseRow = async (caseId: string) =>
  (await rows<{ kind: string; status: string; owner_id: string | null }>("SELECT kind, status, owner_id FROM cases WHERE id = ?", [caseId]))[0]!;

const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function assignedTo(specialistId: string) {
  const investor = await registeredInvestor("en");
  expect((await admin("PUT", `/admin/firms/${investor.uscc}/specialist`, { specialistId })).status).toBe(200);
  return investor.chat;
}

async function rateSatisfied(investor: Chat, caseId: string) {
  await waitForMessage(investor, /How was your case handled\?/);
  await investor.tap("😊 Satisfied");
  expect(await caseRow(caseId)).toMatchObject({ status: "closed" });
}

describe("urgent appeal assessed as not urgent", () => {
  it("is handled as an ordinary matter: the hearing is no longer owed, an answer is, and the firm is told why", async () => {
    const owner = await joinedSpecialist();
    const investor = await assignedTo(owner.id);
    const filed = await fileUrgent(investor);
    expect((await obligations(filed.id)).map((o) => o.obligation)).toEqual(["assessment", "first_response", "hearing_held"]);

    // A hearing cannot be recorded before the urgency is assessed.
    await owner.chat.send(`/case ${filed.ref}`);
    await owner.chat.tap("🗣️ 登记听取意见或会商");
    expect((await owner.chat.messages()).map((m) => String(m.payload.text)).at(-1)).toMatch(/当前状态下不能执行此操作|请先研判紧急程度/);

    // Not urgent needs a reason the firm sees.
    await owner.chat.tap("⚖️ 研判紧急程度");
    await owner.chat.tap("不紧急（作为一般事项办理）");
    await owner.chat.send("设备扣留系正常查验程序，预计三个工作日内完成，不属于紧急情形。");
    await owner.chat.tap("✔ 提交");
    await waitForMessage(investor, /Assessed as not urgent: it is handled as an ordinary matter\. Why: 设备扣留系正常查验程序/);
    expect(await caseRow(filed.id)).toMatchObject({ kind: "ordinary", status: "acknowledged" });
    expect((await obligations(filed.id)).map((o) => [o.obligation, o.state, o.met_by])).toEqual([
      ["assessment", "met", owner.id],
      ["first_response", "met", owner.id],
      ["hearing_held", "cancelled", null],
      ["answer", "open", null],
    ]);
    // Assessed once: a second assessment is refused.
    await owner.chat.tap("⚖️ 研判紧急程度");
    expect((await owner.chat.messages()).map((m) => String(m.payload.text)).at(-1)).toMatch(/此类诉求没有这一步骤|已研判过/);

    await owner.chat.send(`/case ${filed.ref}`);
    await owner.chat.tap("📝 答复企业");
    await owner.chat.send("已与海关沟通，查验将于本周内完成，届时即可放行。");
    await owner.chat.tap("✔ 提交");
    await waitForMessage(investor, /Answer: 已与海关沟通/);
    await owner.chat.tap("🏁 办结");
    await owner.chat.send("设备已放行。");
    await owner.chat.tap("✔ 提交");
    await rateSatisfied(investor, filed.id);
    const events = await rows<{ type: string }>("SELECT type FROM case_events WHERE case_id = ? ORDER BY id", [filed.id]);
    expect(events.map((e) => e.type)).toEqual(["received", "assigned", "assessed", "answered", "resolved", "feedback"]);
  });
});

describe("urgent appeal with no clear owner", () => {
  it("waits in the department's queue; the department takes the case and its obligations with its first step", async () => {
    const department = await joinedSpecialist({ role: "bizenv" });
    // Qiongzhong: no test puts a specialist on duty there, so nobody but the department can take it.
    const { chat: investor } = await registeredInvestor("en", undefined, "Qiongzhong");
    const filed = await fileUrgent(investor, true);
    expect(await caseRow(filed.id)).toMatchObject({ kind: "especially_urgent", status: "received", owner_id: null });
    await waitForMessage(department.chat, new RegExp(`${filed.ref}`));

    // Another unit's specialist may not take it.
    const stranger = await joinedSpecialist();
    await stranger.chat.post(stranger.chat.callback(`sp:ack:${filed.id}`));
    expect(await caseRow(filed.id)).toMatchObject({ owner_id: null });

    await department.chat.tap("⚖️ 研判紧急程度");
    await department.chat.tap("情况特别紧急");
    await department.chat.tap("跳过");
    await department.chat.tap("✔ 提交");
    expect(await caseRow(filed.id)).toMatchObject({ kind: "especially_urgent", status: "acknowledged", owner_id: department.id });
    await waitForMessage(investor, /Assessed as especially urgent/);

    await department.chat.send(`/case ${filed.ref}`);
    await department.chat.tap("🗣️ 登记听取意见或会商");
    await department.chat.send(beijingToday());
    await department.chat.tap("组织会商");
    await department.chat.send("省营商环境建设厅牵头，会同海口海关会商，确定当日放行。");
    await department.chat.tap("✔ 提交");
    await waitForMessage(investor, /A consultation was held: 省营商环境建设厅牵头/);
    expect((await obligations(filed.id)).every((o) => o.state === "met" && o.met_by === department.id)).toBe(true);

    await department.chat.tap("🏁 办结");
    await department.chat.send("设备已于当日放行。");
    await department.chat.tap("✔ 提交");
    await rateSatisfied(investor, filed.id);
  });
  it("reaches every department member at once, however many: more than one drain's claim, with no tick", async () => {
    const members = await Promise.all(Array.from({ length: 21 }, () => joinedSpecialist({ role: "bizenv" })));
    const { chat: investor } = await registeredInvestor("en", undefined, "Qiongzhong");
    const filed = await fileUrgent(investor, true);
    for (const member of members) await waitForMessage(member.chat, new RegExp(filed.ref));
  });
});

describe("policy question that needs study", () => {
  it("tells the firm why and by when, once, before the due; then answers by the new date", async () => {
    const owner = await joinedSpecialist();
    const investor = await assignedTo(owner.id);
    const filed = await filePolicyQuestion(investor);
    const [, answer] = await obligations(filed.id);
    expect(answer!.obligation).toBe("answer");

    // A new date must be a working day after the due and within the limit: find a Wednesday a week later.
    const due = new Date(answer!.due_at + 8 * 3_600_000);
    const later = new Date(due.getTime() + 7 * 86_400_000);
    while (later.getUTCDay() !== 3) later.setUTCDate(later.getUTCDate() + 1);
    const newDate = later.toISOString().slice(0, 10);

    const study = async (date: string) => {
      await owner.chat.send(`/case ${filed.ref}`);
      await owner.chat.tap("🔎 告知需研究");
      await owner.chat.send("涉及融资租赁的适用口径，需征求海关总署意见。");
      await owner.chat.send(date);
      return (await owner.chat.tap("✔ 提交")).join();
    };
    expect(await study(due.toISOString().slice(0, 10))).toMatch(/新的答复日期须为工作日/);
    expect(await study(newDate)).toMatch(/已告知需研究/);
    await waitForMessage(investor, /This question needs study; you will have the answer by the new date\. Why: 涉及融资租赁/);
    await waitForMessage(investor, /Next: a clear answer, by \w{3} \d{1,2} \w{3} 20\d\d/);
    const [first, moved] = await obligations(filed.id);
    expect(first).toMatchObject({ obligation: "first_response", state: "met" });
    expect(moved).toMatchObject({ obligation: "answer", state: "open", moved: 1 });
    expect(new Date(moved!.due_at + 8 * 3_600_000).toISOString().slice(0, 16)).toBe(`${newDate}T23:59`);
    // Only once.
    expect(await study(newDate)).toMatch(/答复时限只能调整一次/);

    await owner.chat.tap("📝 答复企业");
    await owner.chat.send("经征求意见，融资租赁进口设备适用零关税政策。");
    await owner.chat.tap("✔ 提交");
    await owner.chat.tap("🏁 办结");
    await owner.chat.send("已答复。");
    await owner.chat.tap("✔ 提交");
    await rateSatisfied(investor, filed.id);
    const events = await rows<{ type: string }>("SELECT type FROM case_events WHERE case_id = ? ORDER BY id", [filed.id]);
    expect(events.map((e) => e.type)).toEqual(["received", "assigned", "study_notice", "due_moved", "answered", "resolved", "feedback"]);
  });
});
