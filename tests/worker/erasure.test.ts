// /deleteme leaves nothing of the person behind: a person who did everything the bot lets an
// investor do (joined a firm, approved someone, filed cases with their own words, sent files and
// messages, rated, withdrew, was unreachable once, left a form half-filled) asks to be erased, and
// then no column of any table holds their words or their Telegram id. The cases stay, anonymised.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDbFor } from "../../db/client.ts";
import { erasePerson } from "../../db/queries/erase.ts";
import { settingsOf } from "../../lib/settings.ts";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { Chat } from "./support/chat.ts";
import { rows } from "./support/db.ts";
import { registeredInvestor } from "./support/flows.ts";
import { injectFault } from "./support/telegram.ts";

const until = (check: () => Promise<boolean>) => expect.poll(check, { timeout: 10_000 }).toBe(true);
const saw = (chat: Chat, pattern: RegExp) => until(async () => (await chat.messages()).some((m) => pattern.test(String(m.payload.text))));

function fileMessage(chat: Chat, name: string) {
  return chat.post({
    update_id: Date.now() * 10 + Math.floor(Math.random() * 10),
    message: {
      message_id: 9,
      date: 0,
      chat: { id: chat.userId, type: "private", first_name: "T" },
      from: { id: chat.userId, is_bot: false, first_name: "T" },
      document: { file_id: `DOC-${Math.random()}`, file_unique_id: `u-${Math.random()}`, file_name: name, mime_type: "application/pdf", file_size: 1200 },
    },
  } as never);
}

/** Every row of every table in which some column holds `needle` (compared as text). */
async function rowsHolding(needle: string): Promise<{ table: string; row: Record<string, unknown> }[]> {
  const tables = await rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'");
  const found = [];
  for (const { name } of tables) {
    const columns = await rows<{ name: string }>(`PRAGMA table_info("${name}")`);
    const where = columns.map((c) => `instr(lower(CAST("${c.name}" AS TEXT)), lower(?)) > 0`).join(" OR ");
    const hits = await rows(`SELECT * FROM "${name}" WHERE ${where}`, columns.map(() => needle));
    found.push(...hits.map((row) => ({ table: name, row })));
  }
  return found;
}

describe("/deleteme", () => {
  it("erases the person everywhere, in the update's one batch; their cases stay, anonymised", async () => {
    const canary = `Canary${Math.random().toString(36).slice(2, 10)}`;
    const specialist = await joinedSpecialist();
    const { chat: member, uscc } = await registeredInvestor("en");
    expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
    // The member's claim on the firm is verified (tests/worker/claims.test.ts covers how): joining needs a verified member.
    await rows("UPDATE firm_members SET status = 'active' WHERE telegram_id = ?", [member.userId]);

    // The person asks to join the firm with their name and phone; the member approves.
    const person = new Chat("en", { direct: true });
    await person.send("/start");
    await person.tap("English");
    await person.tap("Agree and continue");
    await person.send(uscc);
    await person.tap("Skip");
    await person.send("Hainan Test Trading Ltd");
    await person.tap("Haikou");
    await person.tap("Trade");
    await person.tap("No");
    await person.send(`${canary} Name`);
    await person.send("13900139000");
    expect((await person.tap("✔ Submit")).join()).toMatch(/awaits approval/);
    await saw(member, new RegExp(`${canary} Name asks to join`));
    await member.tap("Approve");
    await saw(person, /was approved/);

    // A third person joins; the person approves them.
    const third = new Chat("en");
    await third.send("/start");
    await third.tap("English");
    await third.tap("Agree and continue");
    await third.send(uscc);
    await third.tap("Skip");
    await third.send("Hainan Test Trading Ltd");
    await third.tap("Haikou");
    await third.tap("Trade");
    await third.tap("No");
    await third.tap("Skip");
    await third.tap("Skip");
    await third.tap("✔ Submit");
    await saw(person, /asks to join/);
    await person.tap("Approve");

    // A meeting request in the person's own words, a file during the intake, then a message and a file on it.
    await person.send("/appointment");
    await person.send(`${canary} counterpart office`);
    await person.send(`${canary} topic of the meeting`);
    await fileMessage(person, `${canary}-intake.pdf`);
    await person.tap("Skip");
    await person.send(`${canary} attendees`);
    await person.tap("✔ Submit");
    const [meeting] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ? AND kind = 'appointment'", [person.userId]);
    await person.send(`/status ${meeting!.ref}`);
    await person.tap("Add a message or file");
    // The owner's notice of that message waits (429, retry in an hour): still pending when the person is erased.
    await injectFault({ chatId: specialist.chat.userId, method: "sendMessage", kind: "429", retryAfter: 3600, times: 1 });
    await person.send(`${canary} message on the case`);
    await fileMessage(person, `${canary}-evidence.pdf`);
    await person.send("/cancel");
    // The file's notice waits behind it (the owner's messages keep their order).
    expect(await rows("SELECT 1 FROM outbox WHERE status = 'pending' AND instr(payload, ?) > 0", [canary])).toHaveLength(2);

    // A policy question, to be withdrawn later.
    await person.send("/policy");
    await person.send(`${canary} policy`);
    await person.send(`${canary} question about the policy, in detail`);
    await person.tap("✔ Submit");
    const [question] = await rows<{ id: string; ref: string }>("SELECT id, ref FROM cases WHERE created_by = ? AND kind = 'policy'", [person.userId]);

    // The meeting request: a status update refused for good (400), then resolved; rated with a comment.
    await injectFault({ chatId: person.userId, method: "sendMessage", kind: "400", times: 1 });
    await specialist.chat.post(specialist.chat.callback(`sp:ack:${meeting!.id}`));
    await until(async () => (await rows("SELECT 1 FROM outbox WHERE case_id = ? AND chat_id = ? AND status = 'dead'", [meeting!.id, person.userId])).length === 1);
    // The meeting is held before the case can be resolved (case engine v2).
    await specialist.chat.post(specialist.chat.callback(`sp:held:${meeting!.id}`));
    await specialist.chat.send(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    await specialist.chat.send("商务厅李处长");
    await specialist.chat.tap("否");
    await specialist.chat.tap("✔ 提交");
    await specialist.chat.post(specialist.chat.callback(`sp:resolve:${meeting!.id}`));
    await specialist.chat.send("已协调会面。");
    await specialist.chat.tap("✔ 提交");
    await saw(person, /How was your case handled\?/);
    await person.tap("😊 Satisfied");
    await person.send(`${canary} comment on the service`);

    // The question: a status update to a person who blocked the bot (403), then withdrawn with a reason.
    await injectFault({ chatId: person.userId, method: "sendMessage", kind: "403", times: 1 });
    await specialist.chat.post(specialist.chat.callback(`sp:ack:${question!.id}`));
    await until(async () => (await rows("SELECT 1 FROM outbox WHERE case_id = ? AND chat_id = ? AND status = 'unreachable'", [question!.id, person.userId])).length === 1);
    await person.send(`/status ${question!.ref}`);
    await person.tap("Withdraw");
    await person.send(`${canary} reason to withdraw`);

    // A file sent during an intake that was then cancelled, and a form left half-filled.
    await person.send("/urgent");
    await fileMessage(person, `${canary}-pending.pdf`);
    await person.send("/cancel");
    await person.send("/policy");
    await person.send(`${canary} half-filled`);

    expect((await rowsHolding(canary)).length).toBeGreaterThan(10);
    await person.send("/deleteme");
    const erased = (await person.tap("Erase")).join();
    expect(erased).toContain("Your personal information was erased");
    expect(person.roundTrips.at(-1)).toBeLessThanOrEqual(2);

    expect(await rowsHolding(canary)).toEqual([]);
    expect(await rowsHolding(String(person.userId))).toEqual([]);
    // The cases stay, with their facts and ledger, for the firm and for supervision.
    expect(await rows("SELECT kind, status, created_by FROM cases WHERE id IN (?, ?) ORDER BY kind", [meeting!.id, question!.id])).toEqual([
      { kind: "appointment", status: "closed", created_by: null },
      { kind: "policy", status: "withdrawn", created_by: null },
    ]);
    expect((await member.send(`/status ${meeting!.ref}`)).join()).toContain(meeting!.ref);
    expect(await rows("SELECT status, approved_by FROM firm_members WHERE telegram_id = ?", [third.userId])).toEqual([{ status: "active", approved_by: null }]);
    expect(await rows("SELECT count(*) AS n FROM attachments WHERE case_id = ?", [meeting!.id])).toEqual([{ n: 2 }]);
  });

  it("finds the person's rows through indexes, never a scan of a table", async () => {
    const { db } = openDbFor(settingsOf(env));
    for (const statement of erasePerson(db, { telegramId: 42, chatId: 43 }, "[erased]")) {
      const { sql, params } = statement.toSQL();
      const plan = (await rows<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as never)).map((p) => p.detail).join(" | ");
      expect(plan, sql).toMatch(/SEARCH /);
      expect(plan, sql).not.toMatch(/SCAN /);
    }
  });
});
