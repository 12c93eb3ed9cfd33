// Claims on firms: registering a firm makes the person an unverified member (files cases, marked
// "firm not verified", sees only their own, approves nobody) until the firm's specialist, or with
// none the business-environment department, verifies it, in chat or in the web.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { settingsOf } from "../../lib/settings.ts";
import { drainNow } from "../../workers/outbox/drain.ts";
import { admin, joinedSpecialist, slugId } from "./support/admin.ts";
import { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";
import { callbackAnswers, callsTo, uniqueId } from "./support/telegram.ts";
import { get, post, signIn } from "./support/web.ts";

/** The web Worker sends nothing itself: its notices wait in the outbox for the bot Worker's next drain. */
const drain = () => drainNow(settingsOf(env), Date.now);

const membership = async (uscc: string, telegramId: number) =>
  (await rows<{ status: string; approved_by: number | null }>(
    "SELECT m.status, m.approved_by FROM firm_members m JOIN firms f ON f.id = m.firm_id WHERE f.uscc = ? AND m.telegram_id = ?",
    [uscc, telegramId],
  ))[0];

/** A new person at the review of the firm form for `uscc` (in English, code first, everything optional skipped). */
async function firmFormFilled(uscc: string) {
  const chat = new Chat("en");
  await chat.send("/start");
  await chat.tap("English");
  await chat.tap("Agree and continue");
  await chat.send(uscc);
  await chat.tap("Skip");
  await chat.send("Hainan Test Trading Ltd");
  await chat.tap("Baisha");
  await chat.tap("Trade");
  await chat.tap("No");
  await chat.tap("Skip");
  await chat.tap("Skip");
  return chat;
}

const textsOf = async (chat: Chat) => (await chat.messages()).map((m) => String(m.payload.text));
const waitForText = (chat: Chat, pattern: RegExp) => expect.poll(async () => (await textsOf(chat)).find((text) => pattern.test(text)), { timeout: 10_000 }).toBeTruthy();

/** A claim on a firm with no specialist of its own, verified by the department from its group chat. */
async function claimVerifiedInGroup(department: { chat: Chat }, outsider: { chat: Chat }, group: number) {
  // A firm in an area where nobody is on duty, with no specialist of its own: the department verifies.
  const { chat: claimant, uscc } = await registeredInvestor("en", undefined, "Baisha");
  expect((await textsOf(claimant)).join("\n")).toMatch(/A specialist will verify that you act for it/);
  expect(await membership(uscc, claimant.userId)).toEqual({ status: "unverified", approved_by: null });
  const noticeIn = async () => (await callsTo(group, "sendMessage")).find((c) => String(c.payload.text).includes(`Telegram ${claimant.userId}`));
  await expect.poll(noticeIn, { timeout: 10_000 }).toBeTruthy();

  // Someone else claims the same firm: also unverified, and the first claimant cannot approve them.
  const { chat: other } = await registeredInvestor("en", uscc, "Baisha");
  expect(await membership(uscc, other.userId)).toEqual({ status: "unverified", approved_by: null });
  const { ref: othersRef } = await filePolicyQuestion(other);
  const { ref: mine } = await filePolicyQuestion(claimant);
  const forged = claimant.callback(`join:a:${uscc}:${other.userId}`);
  await claimant.post(forged);
  expect(await membership(uscc, other.userId)).toEqual({ status: "unverified", approved_by: null });
  // Each sees only what they filed.
  const listed = (await claimant.send("/cases")).join("\n");
  expect(listed).toContain(mine);
  expect(listed).not.toContain(othersRef);
  expect((await claimant.send(`/status ${othersRef}`)).join("\n")).toMatch(/No case/);

  // A specialist who is neither the firm's nor the department's may not verify, whatever they tap.
  const forgedVerify = outsider.chat.callback(`claim:v:${uscc}:${claimant.userId}`);
  await outsider.chat.post(forgedVerify);
  expect((await callbackAnswers(forgedVerify))[0]?.payload).toMatchObject({ show_alert: true });
  expect(await membership(uscc, claimant.userId)).toEqual({ status: "unverified", approved_by: null });

  // The department taps "Verified" under the notice about this claimant.
  const notice = (await noticeIn())!;
  const verifyData = (notice.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
  expect(verifyData).toBe(`claim:v:${uscc}:${claimant.userId}`);
  const done = await department.chat.post(department.chat.callback(verifyData));
  expect(done.status).toBe(200);
  expect(await membership(uscc, claimant.userId)).toEqual({ status: "active", approved_by: department.chat.userId });
  await waitForText(claimant, /has verified that you act for/);
  // Verified, the claimant sees the firm's cases; a second tap (or a reject after it) changes nothing and tells nobody again.
  expect((await claimant.send("/cases")).join("\n")).toContain(othersRef);
  await department.chat.post(department.chat.callback(verifyData));
  const late = department.chat.callback(`claim:r:${uscc}:${claimant.userId}`);
  await department.chat.post(late);
  expect((await callbackAnswers(late))[0]?.payload).toMatchObject({ show_alert: true });
  expect(await membership(uscc, claimant.userId)).toEqual({ status: "active", approved_by: department.chat.userId });
  expect((await textsOf(claimant)).filter((text) => /has verified that you act for/.test(text))).toHaveLength(1);
}

describe("a claim on a firm awaits verification", () => {
  it("the claimant files cases but sees only their own and approves nobody; the department verifies in its group chat, role-checked", async () => {
    const department = await joinedSpecialist({ role: "bizenv" });
    const outsider = await joinedSpecialist();
    // The department's unit and its group chat, where claims on firms without a specialist of their own go.
    const group = -uniqueId();
    const unitId = slugId("bizenv");
    expect((await admin("POST", "/admin/units", { id: unitId, nameZh: "省营商环境建设厅", nameEn: "Business Environment Department", kind: "bizenv", noticeChatId: group })).status).toBe(201);
    try {
      await claimVerifiedInGroup(department, outsider, group);
    } finally {
      // Other files' claims would crowd this group's pace (20 a minute) for the rest of the run.
      await rows("UPDATE units SET notice_chat_id = NULL WHERE id = ?", [unitId]);
    }
  });

  it("the firm's specialist sees new cases of an unverified claimant marked, and verifies in the web (CSRF-protected, audited)", async () => {
    const specialist = await joinedSpecialist();
    const department = await joinedSpecialist({ role: "bizenv" });
    const { chat: claimant, uscc } = await registeredInvestor("en");
    expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
    const { ref } = await filePolicyQuestion(claimant);
    await expect.poll(async () => (await textsOf(specialist.chat)).join("\n---\n"), { timeout: 10_000 }).toMatch(new RegExp(`${ref}[\\s\\S]*⚠️ 企业未核验`));
    expect((await specialist.chat.send(`/case ${ref}`)).join("\n")).toContain("⚠️ 企业未核验");

    const cookie = await signIn(specialist.chat);
    const list = await (await get("/web/claims", cookie)).text();
    expect(list).toContain(uscc);
    expect(list).toContain(`Telegram ${claimant.userId}`);
    // With a specialist of its own, the firm's claims are not the department's to decide.
    const theirs = await signIn(department.chat);
    expect(await (await get("/web/claims", theirs)).text()).not.toContain(uscc);
    const [firm] = await rows<{ id: string }>("SELECT id FROM firms WHERE uscc = ?", [uscc]);
    const path = `/web/claims/${firm!.id}/${claimant.userId}`;
    expect((await post(path, { decision: "verify" }, undefined, theirs)).status).toBe(403);
    // No CSRF token, or another origin: refused.
    expect((await post(path, { decision: "verify" }, undefined, cookie, null)).status).toBe(403);
    expect((await post(path, { decision: "verify" }, "https://evil.example", cookie)).status).toBe(403);
    expect(await membership(uscc, claimant.userId)).toEqual({ status: "unverified", approved_by: null });

    const verified = await post(path, { decision: "verify" }, undefined, cookie);
    expect([verified.status, verified.headers.get("location")]).toEqual([303, "/web/claims?done=verified"]);
    expect(await membership(uscc, claimant.userId)).toEqual({ status: "active", approved_by: specialist.chat.userId });
    expect(await rows("SELECT target, data FROM audit_events WHERE actor = ? AND action = 'claim.verify'", [`web:${specialist.id}`])).toEqual([
      { target: firm!.id, data: JSON.stringify({ telegramId: claimant.userId }) },
    ]);
    await drain();
    await waitForText(claimant, /has verified that you act for/);
    // Once verified, the mark is gone from the case and from new cases.
    expect((await specialist.chat.send(`/case ${ref}`)).join("\n")).not.toContain("企业未核验");
    expect((await post(path, { decision: "reject" }, undefined, cookie)).status).toBe(403);
  });

  it("a rejected claimant no longer acts for the firm; existing active members stay verified and approve joiners", async () => {
    const department = await joinedSpecialist({ role: "bizenv" });
    const { chat: member, uscc } = await registeredInvestor("en", undefined, "Baisha");
    // A member from before claims were checked: their "active" membership is a verified one.
    await rows("UPDATE firm_members SET status = 'active' WHERE telegram_id = ?", [member.userId]);
    const joiner = await firmFormFilled(uscc);
    expect((await joiner.tap("✔ Submit")).join("\n")).toMatch(/awaits approval/);
    expect(await membership(uscc, joiner.userId)).toEqual({ status: "pending", approved_by: null });
    await waitForText(member, /asks to join/);
    await member.tap("Approve");
    expect(await membership(uscc, joiner.userId)).toEqual({ status: "active", approved_by: member.userId });

    const { chat: claimant, uscc: another } = await registeredInvestor("zh", undefined, "白沙黎族自治县");
    const [firm] = await rows<{ id: string }>("SELECT id FROM firms WHERE uscc = ?", [another]);
    const cookie = await signIn(department.chat);
    const rejected = await post(`/web/claims/${firm!.id}/${claimant.userId}`, { decision: "reject" }, undefined, cookie);
    expect(rejected.status).toBe(303);
    expect(await membership(another, claimant.userId)).toEqual({ status: "rejected", approved_by: department.chat.userId });
    await drain();
    await waitForText(claimant, /未能确认您代表企业/);
    expect((await claimant.send("/appointment")).join("\n")).toMatch(/请先登记或加入/);
  });
});
