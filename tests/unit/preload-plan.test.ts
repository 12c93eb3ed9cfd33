// The webhook's preload sends only the statements an update can use (issue 15: each statement costs
// sqld CPU even when it finds nothing). Each update kind goes through the real hints
// (bots/preload-hints.ts) and preload (db/queries/preload.ts): it must still find what its handler
// reads, find nothing of what it does not read, and send exactly the statements counted here.
import { createClient, type Client } from "@libsql/client";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { Update } from "grammy/types";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formAction, noticeAction, specialistAction } from "../../bots/callback-data.ts";
import { preloadHints } from "../../bots/preload-hints.ts";
import type { SessionState } from "../../bots/session.ts";
import type { DbHandle } from "../../db/client.ts";
import { preloadSender } from "../../db/queries/preload.ts";
import { caseCoHandlers, caseObligations, cases, firmMembers, firms, sessions, specialists, supervisionNotices, units, users } from "../../db/schema.ts";
import { usccCheckCharacter } from "../../domain/uscc.ts";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate.ts";

const dir = mkdtempSync(join(tmpdir(), "desk-preload-plan-"));
const NOW = Date.UTC(2026, 5, 10, 2);
const INVESTOR = 701;
const SPECIALIST = 801;
/** A firm code that passes its check character, as a typed one must to be read. */
const USCC = `91460100PLAN00001${usccCheckCharacter("91460100PLAN00001")}`;
let client: Client;
let db: ReturnType<typeof drizzle>;
let handle: DbHandle;
/** Statements of each read batch sent through `handle`. */
let sent: number[] = [];
let updateId = 1;

beforeAll(async () => {
  client = createClient({ url: `file:${join(dir, "plan.db")}` });
  db = drizzle(client);
  await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  await db.insert(units).values([
    { id: "u1", nameZh: "海口市", nameEn: "Haikou", kind: "city", createdAt: 0 },
    { id: "dept", nameZh: "营商环境局", nameEn: "Business environment", kind: "bizenv", createdAt: 0 },
  ]);
  await db.insert(users).values([
    { telegramId: INVESTOR, locale: "en", chatId: INVESTOR, privacyAcceptedAt: 1, createdAt: 0, updatedAt: 0 },
    { telegramId: SPECIALIST, locale: "zh", chatId: SPECIALIST, createdAt: 0, updatedAt: 0 },
  ]);
  await db.insert(specialists).values([
    { id: "sp1", telegramId: SPECIALIST, name: "王专员", unitId: "u1", role: "specialist", areaCode: "haikou", onDuty: true, createdAt: 0 },
    { id: "sp2", telegramId: 802, name: "李专员", unitId: "u1", role: "specialist", areaCode: "sanya", createdAt: 1 },
  ]);
  await db.insert(firms).values({ id: "f1", uscc: USCC, nameZh: "企业", areaCode: "haikou", industry: "trade", foreignInvested: true, specialistId: "sp1", createdAt: 0 });
  await db.insert(firmMembers).values({ firmId: "f1", telegramId: INVESTOR, status: "active", createdAt: 0 });
  await db.insert(cases).values({
    id: "c1", ref: "HN-PLAN-1", firmId: "f1", kind: "policy", status: "assigned", summary: "s", details: {}, ownerId: "sp1", pendingOwnerId: "sp2",
    createdBy: INVESTOR, receivedAt: 1, firstResponseDueAt: 2, resolutionDueAt: 3, updatedAt: 1,
  });
  await db.insert(cases).values({
    id: "c2", ref: "HN-PLAN-2", firmId: "f1", kind: "policy", status: "received", summary: "s", details: {}, createdBy: INVESTOR, receivedAt: 1, firstResponseDueAt: 2, resolutionDueAt: 3, updatedAt: 1,
  });
  await db.insert(caseObligations).values({ caseId: "c1", obligation: "answer", cycle: 1, clock: "working_days", dueAt: 3, originalDueAt: 3, state: "open" });
  await db.insert(caseCoHandlers).values({ caseId: "c1", specialistId: "sp2", addedBy: "sp1", addedAt: 1 });
  await db.insert(supervisionNotices).values({ id: "n1", caseId: "c1", level: 1, notice: "reminder", obligation: "answer", missedDueAt: 3, unitId: "u1", status: "signed", draftedAt: 4 });
  const counting = new Proxy(client, {
    get: (target, prop) => (prop === "batch" ? (statements: unknown[], mode: never) => (sent.push(statements.length), target.batch(statements as never, mode)) : Reflect.get(target, prop)),
  });
  handle = { db: db as never, client: counting as never, readBatch: db.batch.bind(db) as never, roundTrips: () => 0 };
});

afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function inConversation(telegramId: number, state: SessionState | null) {
  await db.delete(sessions).where(eq(sessions.telegramId, telegramId));
  if (state) await db.insert(sessions).values({ telegramId, state, version: 1, expiresAt: NOW + 3_600_000, updatedAt: NOW });
}

const person = (id: number) => ({ id, is_bot: false, first_name: "P" });
const message = (from: number, text: string, chat: "private" | "group" = "private"): Update => ({
  update_id: updateId++,
  message: { message_id: 1, date: 0, chat: chat === "private" ? { id: from, type: "private", first_name: "P" } : { id: -5, type: "group", title: "G" }, from: person(from), text },
});
const tap = (from: number, data: string): Update => ({
  update_id: updateId++,
  callback_query: { id: "q", from: person(from), chat_instance: "i", data, message: { message_id: 2, date: 0, chat: { id: from, type: "private", first_name: "P" } } as never },
});

/** The Sender the webhook would preload for `update`, with the statements its batch sent. */
async function preload(update: Update) {
  sent = [];
  const from = update.message?.from ?? update.callback_query?.from;
  const sender = await preloadSender(handle, update.update_id, from?.id, await preloadHints(update, NOW));
  expect(sent).toHaveLength(1);
  return { sender, statements: sent[0] };
}

/** The sender's own rows, read for every update: processed mark, user, session, firms, specialist role, rate counters. */
const SENDER_READS = 6;
/** The case with its owner's and pending owner's units, its obligations, its co-handlers. */
const CASE_READS = 3;
const NOTICE_READS = 2;
const CALENDAR_READS = 3;

describe("the preload of a command", () => {
  it("/start reads only the sender, though their conversation points at a case and a notice", async () => {
    await inConversation(INVESTOR, { flow: "notice_reply", noticeId: "n1", caseId: "c1", ref: "HN-PLAN-1" });
    const { sender, statements } = await preload(message(INVESTOR, "/start"));
    expect(statements).toBe(SENDER_READS);
    expect(sender.user?.locale).toBe("en");
    expect(sender.session?.state).toMatchObject({ flow: "notice_reply" });
    expect(sender.memberships.map((m) => m.firm.uscc)).toEqual([USCC]);
    // What the flags' empty reads gave before: the handlers see no difference.
    expect([sender.case, sender.caseOwnerUnit, sender.pendingOwnerUnit, sender.notice, sender.noticeContext, sender.firm, sender.formTarget]).toEqual(Array(7).fill(undefined));
    expect([sender.obligations, sender.coHandlers]).toEqual([[], []]);
    expect([sender.calendar, sender.submit, sender.record]).toEqual([undefined, undefined, undefined]);
  });

  it("a specialist's /start still finds their role and unit", async () => {
    const { sender, statements } = await preload(message(SPECIALIST, "/start"));
    expect(statements).toBe(SENDER_READS);
    expect([sender.specialist?.id, sender.specialistUnit?.id]).toEqual(["sp1", "u1"]);
  });

  it("/status <ref> reads the case it names and its ledger, not the session's", async () => {
    await inConversation(INVESTOR, { flow: "message", caseId: "nope", ref: "HN-NOPE" });
    const { sender, statements } = await preload(message(INVESTOR, "/status hn-plan-1"));
    expect(statements).toBe(SENDER_READS + CASE_READS + 1);
    expect([sender.case?.id, sender.obligations.length, sender.coHandlers]).toEqual(["c1", 1, ["sp2"]]);
    expect(sender.answers.caseEvents).toEqual([]);
  });

  it("a case with no owner and no transfer pending has neither unit", async () => {
    const { sender } = await preload(message(INVESTOR, "/status HN-PLAN-2"));
    expect([sender.case?.id, sender.caseOwnerUnit, sender.pendingOwnerUnit, sender.obligations, sender.coHandlers]).toEqual(["c2", undefined, undefined, [], []]);
  });
});

describe("the preload of a message that continues a conversation", () => {
  it("a typed message on a case finds the session's case, its obligations, co-handlers and pending owner's unit", async () => {
    await inConversation(INVESTOR, { flow: "message", caseId: "c1", ref: "HN-PLAN-1" });
    const { sender, statements } = await preload(message(INVESTOR, "Here is the lease."));
    expect(statements).toBe(SENDER_READS + 1 + CASE_READS + NOTICE_READS);
    expect([sender.case?.id, sender.caseOwnerUnit?.id, sender.pendingOwnerUnit?.id, sender.obligations[0]?.obligation, sender.coHandlers]).toEqual(["c1", "u1", "u1", "answer", ["sp2"]]);
    expect([sender.calendar, sender.submit, sender.record]).toEqual([undefined, undefined, undefined]);
  });

  it("a typed reply to a notice finds the notice and what its document names", async () => {
    await inConversation(SPECIALIST, { flow: "notice_reply", noticeId: "n1", caseId: "c1", ref: "HN-PLAN-1" });
    const { sender } = await preload(message(SPECIALIST, "已整改"));
    expect([sender.notice?.id, sender.case?.id, sender.noticeContext?.unitId, sender.noticeContext?.issuer]).toEqual(["n1", "c1", "u1", "营商环境局"]);
  });

  it("a typed firm code in the registration form finds the firm by that code", async () => {
    await inConversation(INVESTOR, { flow: "form", form: { form: "firm", path: [], draft: {}, at: "uscc" } });
    const { sender } = await preload(message(INVESTOR, USCC));
    expect(sender.firm?.id).toBe("f1");
  });

  it("a message in a group is nobody's conversation: the sender only", async () => {
    await inConversation(INVESTOR, { flow: "message", caseId: "c1", ref: "HN-PLAN-1" });
    const { sender, statements } = await preload(message(INVESTOR, "hello", "group"));
    expect(statements).toBe(SENDER_READS);
    expect(sender.case).toBeUndefined();
  });
});

describe("the preload of a button", () => {
  it("a form's choice finds the firm its draft names, and nothing else", async () => {
    await inConversation(INVESTOR, { flow: "form", form: { form: "firm", path: ["uscc"], draft: { uscc: USCC }, at: "area" } });
    const { sender, statements } = await preload(tap(INVESTOR, formAction.encode({ action: "choose", field: "area", index: 0 })));
    expect(statements).toBe(SENDER_READS + 1);
    expect(sender.firm?.id).toBe("f1");
  });

  it("a case form's submit finds whom the case would go to and the calendar", async () => {
    await inConversation(INVESTOR, { flow: "form", form: { form: "policy", path: ["policy"], draft: { policy: "Zero tariff" }, at: "review" } });
    const { sender, statements } = await preload(tap(INVESTOR, formAction.encode({ action: "submit", form: "policy" })));
    expect(statements).toBe(SENDER_READS + CALENDAR_READS + 1);
    expect(sender.submit?.candidates.map((c) => [c.specialistId, c.rank])).toEqual([["sp1", 0]]);
    expect(sender.calendar).toBeDefined();
    // Not a record: what the record's flag-empty reads gave before.
    expect(sender.record).toEqual({ firm: undefined, candidates: [], members: 0, ticketTakenBy: undefined });
  });

  it("a specialist form's submit finds the session's case and the specialist the form names", async () => {
    await inConversation(SPECIALIST, { flow: "form", form: { form: "sp-cohandle", path: ["to"], draft: { to: "sp2" }, at: "review" }, caseId: "c1", ref: "HN-PLAN-1" });
    const { sender, statements } = await preload(tap(SPECIALIST, formAction.encode({ action: "submit", form: "sp-cohandle" })));
    expect(statements).toBe(SENDER_READS + CASE_READS + CALENDAR_READS + 1);
    expect([sender.case?.id, sender.formTarget?.id, sender.obligations.length]).toEqual(["c1", "sp2", 1]);
    expect(sender.submit?.candidates).toEqual([]);
  });

  it("a record form's submit finds the drafted firm, whom it would go to and its members", async () => {
    await inConversation(SPECIALIST, { flow: "form", form: { form: "record", path: [], draft: { firm_uscc: USCC, ticket_no: "T-1" }, at: "review" } });
    const { sender, statements } = await preload(tap(SPECIALIST, formAction.encode({ action: "submit", form: "record" })));
    expect(statements).toBe(SENDER_READS + CALENDAR_READS + 4);
    expect([sender.record?.firm?.id, sender.record?.candidates.map((c) => c.specialistId), sender.record?.members, sender.record?.ticketTakenBy]).toEqual(["f1", ["sp1"], 1, undefined]);
  });

  it("a specialist's acknowledgement reads the case it names and the calendar, not the session's notice", async () => {
    await inConversation(SPECIALIST, { flow: "notice_reply", noticeId: "n1", caseId: "c1", ref: "HN-PLAN-1" });
    const { sender, statements } = await preload(tap(SPECIALIST, specialistAction.encode({ action: "ack", caseId: "c1" })));
    expect(statements).toBe(SENDER_READS + CASE_READS + CALENDAR_READS);
    expect([sender.case?.id, sender.notice, sender.calendar?.days.length! > 0]).toEqual(["c1", undefined, true]);
  });

  it("a notice's button reads the notice, its case and document", async () => {
    const { sender, statements } = await preload(tap(SPECIALIST, noticeAction.encode({ action: "reply", noticeId: "n1" })));
    expect(statements).toBe(SENDER_READS + CASE_READS + NOTICE_READS + CALENDAR_READS);
    expect([sender.notice?.id, sender.case?.id, sender.noticeContext?.unitName]).toEqual(["n1", "c1", "海口市"]);
  });
});
