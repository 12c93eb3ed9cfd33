// Existing data migrates (issue 12): cases written under the previous schema (migrations 0000–0008)
// by the previous code get their obligations from their dues and ledger when 0009+ run over them.
// The migrator is drizzle's, as in scripts/lib/migrate.ts; a copy of the migrations folder with a
// truncated journal stops it at 0008.
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantOfBeijing } from "../../domain/calendar.ts";
import { DEFAULT_SLA_POLICIES, headlineDues, obligationsFor } from "../../domain/obligations.ts";
import type { CaseKind, CaseStatus } from "../../domain/vocabulary.ts";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate.ts";
import { CHINESE_DAYS as cal } from "../support/chinese-days.ts";

const bj = (date: string, time = "09:00:00") => instantOfBeijing(date, time);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const dir = mkdtempSync(join(tmpdir(), "desk-migrations-"));
let client: Client;

/** Applies the migrations of `folder`'s journal, as scripts/lib/migrate.ts does. */
async function migrateWith(folder: string): Promise<void> {
  await migrate(drizzle(client), { migrationsFolder: folder });
}

/** The migrations folder as it was before the case engine v2: journal entries 0000–0008 only. */
function previousMigrations(): string {
  const folder = join(dir, "migrations-0008");
  cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 8);
  expect(journal.entries.at(-1)?.tag).toBe("0008_cases_received_index");
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

interface OldCase {
  id: string;
  kind: Exclude<CaseKind, "ordinary">;
  status: CaseStatus;
  ownerId: string | null;
  receivedAt: number;
  acknowledgedAt?: number;
  meetingAt?: number;
  resolvedAt?: number;
  closedAt?: number;
  updatedAt: number;
  feedback?: string;
  /** The ledger, as the previous code wrote it: by a specialist (their id), the firm (null) or the cron ("system"). */
  events: { at: number; actor: string | null; type: string; from?: CaseStatus; to?: CaseStatus }[];
}

/** The dues the previous code stored at receipt (computeDues: the same numbers as the default policies). */
function oldDues(kind: OldCase["kind"], receivedAt: number) {
  return headlineDues(obligationsFor(cal, DEFAULT_SLA_POLICIES[kind], receivedAt).records, kind);
}

async function insertOld(c: OldCase): Promise<void> {
  const dues = oldDues(c.kind, c.receivedAt);
  await client.execute({
    sql: `INSERT INTO cases (id, ref, firm_id, created_by, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at,
                             acknowledged_at, meeting_at, resolved_at, closed_at, escalation_level, version, updated_at, next_alert_at, feedback)
          VALUES (?, ?, 'firm-1', 1001, ?, ?, 'summary', 'details', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, ?)`,
    args: [
      c.id, `HN-2026-${c.id}`, c.kind, c.status, c.ownerId, c.receivedAt, dues.firstResponseDueAt, dues.resolutionDueAt,
      c.acknowledgedAt ?? null, c.meetingAt ?? null, c.resolvedAt ?? null, c.closedAt ?? null, c.events.length + 1, c.updatedAt, c.feedback ?? null,
    ],
  });
  await client.execute({ sql: "INSERT INTO case_events (case_id, at, actor_type, actor_id, type, from_status, to_status, data) VALUES (?, ?, 'investor', '1001', 'received', NULL, 'received', NULL)", args: [c.id, c.receivedAt] });
  for (const e of c.events) {
    await client.execute({
      sql: "INSERT INTO case_events (case_id, at, actor_type, actor_id, type, from_status, to_status, data) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
      args: [c.id, e.at, e.actor === null ? "investor" : e.actor === "system" ? "system" : "specialist", e.actor === null ? "1001" : e.actor === "system" ? null : e.actor, e.type, e.from ?? null, e.to ?? null],
    });
  }
}

// Received Mon 2 Mar 2026 10:00: response due Tue 3 Mar; hearing Thu 5 Mar; meeting Wed 11 Mar; answer Mon 16 Mar.
const MON = bj("2026-03-02", "10:00:00");
const NOW = Date.now();

const OLD_CASES: OldCase[] = [
  { id: "appt-queue", kind: "appointment", status: "received", ownerId: null, receivedAt: MON, updatedAt: MON, events: [] },
  { id: "appt-assigned", kind: "appointment", status: "assigned", ownerId: "sp-1", receivedAt: MON, updatedAt: MON, events: [] },
  {
    id: "appt-ack", kind: "appointment", status: "acknowledged", ownerId: "sp-1", receivedAt: MON, acknowledgedAt: bj("2026-03-02", "15:00:00"), updatedAt: bj("2026-03-02", "15:00:00"),
    events: [{ at: bj("2026-03-02", "15:00:00"), actor: "sp-1", type: "acknowledged", from: "assigned", to: "acknowledged" }],
  },
  {
    // Scheduled straight from "assigned" (the previous code set no acknowledged_at then); the meeting, Mon 9 Mar, is past.
    id: "appt-past-meeting", kind: "appointment", status: "meeting_scheduled", ownerId: "sp-1", receivedAt: MON, meetingAt: bj("2026-03-09", "15:00:00"), updatedAt: bj("2026-03-03", "10:00:00"),
    events: [{ at: bj("2026-03-03", "10:00:00"), actor: "sp-1", type: "meeting_scheduled", from: "assigned", to: "meeting_scheduled" }],
  },
  {
    // A meeting still to come.
    id: "appt-future-meeting", kind: "appointment", status: "meeting_scheduled", ownerId: "sp-1", receivedAt: NOW - DAY, acknowledgedAt: NOW - 20 * HOUR, meetingAt: NOW + 2 * DAY, updatedAt: NOW - 20 * HOUR,
    events: [
      { at: NOW - 20 * HOUR, actor: "sp-1", type: "acknowledged", from: "assigned", to: "acknowledged" },
      { at: NOW - 20 * HOUR, actor: "sp-1", type: "meeting_scheduled", from: "acknowledged", to: "meeting_scheduled" },
    ],
  },
  {
    // Met at 15:00 on Fri 6 Mar, resolved Mon 9 Mar, rated satisfied Tue 10 Mar.
    id: "appt-closed", kind: "appointment", status: "closed", ownerId: "sp-2", receivedAt: MON, acknowledgedAt: bj("2026-03-02", "11:00:00"), meetingAt: bj("2026-03-06", "15:00:00"),
    resolvedAt: bj("2026-03-09", "10:00:00"), closedAt: bj("2026-03-10", "10:00:00"), updatedAt: bj("2026-03-10", "10:00:00"), feedback: "satisfied",
    events: [
      { at: bj("2026-03-02", "11:00:00"), actor: "sp-2", type: "acknowledged", from: "assigned", to: "acknowledged" },
      { at: bj("2026-03-02", "12:00:00"), actor: "sp-2", type: "meeting_scheduled", from: "acknowledged", to: "meeting_scheduled" },
      { at: bj("2026-03-09", "10:00:00"), actor: "sp-2", type: "resolved", from: "meeting_scheduled", to: "resolved" },
      { at: bj("2026-03-10", "10:00:00"), actor: null, type: "feedback", from: "resolved", to: "closed" },
    ],
  },
  {
    // Asked for information first (the previous code set no acknowledged_at for that).
    id: "urgent-info", kind: "urgent", status: "acknowledged", ownerId: "sp-1", receivedAt: MON, updatedAt: bj("2026-03-02", "11:00:00"),
    events: [{ at: bj("2026-03-02", "11:00:00"), actor: "sp-1", type: "info_requested", from: "assigned", to: "acknowledged" }],
  },
  {
    id: "urgent-progress", kind: "urgent", status: "in_progress", ownerId: "sp-1", receivedAt: MON, acknowledgedAt: bj("2026-03-02", "12:00:00"), updatedAt: bj("2026-03-02", "13:00:00"),
    events: [
      { at: bj("2026-03-02", "12:00:00"), actor: "sp-1", type: "acknowledged", from: "assigned", to: "acknowledged" },
      { at: bj("2026-03-02", "13:00:00"), actor: "sp-1", type: "specialist_reply", from: "acknowledged", to: "in_progress" },
    ],
  },
  { id: "eu-assigned", kind: "especially_urgent", status: "assigned", ownerId: "sp-1", receivedAt: bj("2026-02-17", "22:10:00"), updatedAt: bj("2026-02-17", "22:10:00"), events: [] },
  {
    id: "urgent-withdrawn", kind: "urgent", status: "withdrawn", ownerId: "sp-1", receivedAt: MON, acknowledgedAt: bj("2026-03-02", "12:00:00"), updatedAt: bj("2026-03-03", "09:00:00"),
    events: [
      { at: bj("2026-03-02", "12:00:00"), actor: "sp-1", type: "acknowledged", from: "assigned", to: "acknowledged" },
      { at: bj("2026-03-03", "09:00:00"), actor: null, type: "withdrawn", from: "acknowledged", to: "withdrawn" },
    ],
  },
  {
    id: "policy-withdrawn", kind: "policy", status: "withdrawn", ownerId: "sp-1", receivedAt: MON, updatedAt: bj("2026-03-02", "10:30:00"),
    events: [{ at: bj("2026-03-02", "10:30:00"), actor: null, type: "withdrawn", from: "assigned", to: "withdrawn" }],
  },
  {
    id: "policy-resolved", kind: "policy", status: "resolved", ownerId: "sp-1", receivedAt: MON, acknowledgedAt: bj("2026-03-02", "14:00:00"), resolvedAt: bj("2026-03-05", "10:00:00"), updatedAt: bj("2026-03-05", "10:00:00"),
    events: [
      { at: bj("2026-03-02", "14:00:00"), actor: "sp-1", type: "acknowledged", from: "assigned", to: "acknowledged" },
      { at: bj("2026-03-05", "10:00:00"), actor: "sp-1", type: "resolved", from: "acknowledged", to: "resolved" },
    ],
  },
  {
    // Resolved straight from "assigned" on Wed 4 Mar (allowed then; no acknowledged_at): the resolution was its first step.
    id: "policy-resolved-unacknowledged", kind: "policy", status: "resolved", ownerId: "sp-1", receivedAt: MON, resolvedAt: bj("2026-03-04", "10:00:00"), updatedAt: bj("2026-03-04", "10:00:00"),
    events: [{ at: bj("2026-03-04", "10:00:00"), actor: "sp-1", type: "resolved", from: "assigned", to: "resolved" }],
  },
  {
    // Closed without feedback, never acknowledged: resolved on Tue 3 Mar.
    id: "policy-closed", kind: "policy", status: "closed", ownerId: "sp-1", receivedAt: MON, resolvedAt: bj("2026-03-03", "16:00:00"), closedAt: bj("2026-03-12"), updatedAt: bj("2026-03-12"), feedback: "none",
    events: [
      { at: bj("2026-03-03", "16:00:00"), actor: "sp-1", type: "resolved", from: "assigned", to: "resolved" },
      { at: bj("2026-03-12"), actor: "system", type: "closed", from: "resolved", to: "closed" },
    ],
  },
];

/** `escalated` events as the previous cron wrote them: one ladder per obligation ('first_response', 'resolution'), no 文号. */
const escalated = (level: number, obligation: "first_response" | "resolution", dueAt: number, text: string) => ({ key: `escalate:${obligation}:${level}:${dueAt}`, level, notice: ["reminder_letter", "rectification_notice", "key_supervision_notice", "accountability_interview"][level - 1], obligation, dueAt, text });
const LEGACY_ESCALATIONS: [string, number, Record<string, unknown> | null][] = [
  // The hearing (the 'resolution' of an urgent appeal) missed on Thu 5 Mar: levels 1 and 2.
  ["urgent-progress", bj("2026-03-06"), escalated(1, "resolution", bj("2026-03-05", "23:59:59"), "<b>提醒敦促函</b>\n【HN-2026-urgent-progress】超期")],
  ["urgent-progress", bj("2026-03-09"), escalated(2, "resolution", bj("2026-03-05", "23:59:59"), "<b>责令整改通知书</b>\n超期未办")],
  // The second ladder's level 1 came later: one notice per level, the earliest stands.
  ["urgent-progress", bj("2026-03-10"), escalated(1, "first_response", bj("2026-03-03", "23:59:59"), "<b>提醒敦促函</b>\n再次")],
  // A queue case's first response: addressed to the department.
  ["appt-queue", bj("2026-03-04"), escalated(1, "first_response", bj("2026-03-03", "23:59:59"), "<b>提醒敦促函</b>")],
  // Written with no step named, or none at all: ledger history only.
  ["appt-assigned", bj("2026-03-04"), { level: 9 }],
  ["appt-ack", bj("2026-03-04"), null],
];

type Row = { case_id: string; obligation: string; cycle: number; clock: string; due_at: number; original_due_at: number; state: string; met_at: number | null; met_by: string | null; moved: number };
let obligations: Row[] = [];
let cases: { id: string; status: string; next_alert_at: number | null; updated_at: number }[] = [];

beforeAll(async () => {
  client = createClient({ url: `file:${join(dir, "desk.db")}` });
  await migrateWith(previousMigrations());
  // The previous schema: no case_obligations yet.
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'case_obligations'");
  expect(tables.rows).toEqual([]);
  await client.execute("INSERT INTO units (id, name_zh, name_en, kind, area_code, created_at) VALUES ('unit-1', '海口市', 'Haikou', 'city', '460100', 0)");
  for (const id of ["sp-1", "sp-2"]) {
    await client.execute({ sql: "INSERT INTO specialists (id, name, unit_id, area_code, role, created_at) VALUES (?, ?, 'unit-1', '460100', 'specialist', 0)", args: [id, id] });
  }
  await client.execute("INSERT INTO firms (id, uscc, name_zh, area_code, industry, foreign_invested, specialist_id, created_at) VALUES ('firm-1', '91460000MA5T0ABC1X', '某外资企业', '460100', 'manufacturing', 1, 'sp-1', 0)");
  // An admin had changed the policy question's answer to 12 working days.
  await client.execute("UPDATE sla_policies SET resolution_working_days = 12 WHERE kind = 'policy'");
  for (const c of OLD_CASES) await insertOld(c);
  await client.execute("INSERT INTO units (id, name_zh, name_en, kind, area_code, created_at) VALUES ('unit-dept', '海南省营商环境建设厅', 'Department', 'bizenv', '460000', 0)");
  for (const [caseId, at, data] of LEGACY_ESCALATIONS) {
    await client.execute({ sql: "INSERT INTO case_events (case_id, at, actor_type, actor_id, type, data) VALUES (?, ?, 'system', NULL, 'escalated', ?)", args: [caseId, at, data === null ? null : JSON.stringify(data)] });
  }

  await migrateWith(MIGRATIONS_DIR);
  obligations = (await client.execute("SELECT * FROM case_obligations ORDER BY case_id, cycle, obligation")).rows as unknown as Row[];
  cases = (await client.execute("SELECT id, status, next_alert_at, updated_at FROM cases")).rows as unknown as typeof cases;
});

afterAll(() => {
  client?.close();
  rmSync(dir, { recursive: true, force: true });
});

const close = (date: string) => bj(date, "23:59:59");
type Derived = Pick<Row, "clock" | "due_at" | "state" | "met_at" | "met_by">;
/** The derived obligations of a case, keyed by obligation. */
function derived(caseId: string): Record<string, Derived> {
  const rows = obligations.filter((o) => o.case_id === caseId);
  for (const o of rows) expect(o, `${caseId} ${o.obligation}`).toMatchObject({ cycle: 1, original_due_at: o.due_at, moved: 0 });
  return Object.fromEntries(rows.map((o) => [o.obligation, { clock: o.clock, due_at: o.due_at, state: o.state, met_at: o.met_at, met_by: o.met_by }]));
}
const open = (due_at: number, clock = "working_days"): Derived => ({ clock, due_at, state: "open", met_at: null, met_by: null });
const met = (due_at: number, met_at: number, met_by: string, clock = "working_days"): Derived => ({ clock, due_at, state: "met", met_at, met_by });
const cancelled = (due_at: number, clock = "working_days"): Derived => ({ clock, due_at, state: "cancelled", met_at: null, met_by: null });

describe("migrating cases of the previous schema (0000–0008) through 0009+", () => {
  it.each<[string, Record<string, Derived>]>([
    ["appt-queue", { first_response: open(close("2026-03-03")), meeting_held: open(close("2026-03-11")) }],
    ["appt-assigned", { first_response: open(close("2026-03-03")), meeting_held: open(close("2026-03-11")) }],
    ["appt-ack", { first_response: met(close("2026-03-03"), bj("2026-03-02", "15:00:00"), "sp-1"), meeting_held: open(close("2026-03-11")) }],
    // The meeting (Mon 9 Mar) is past: held, on its date. Scheduling it was the first response.
    ["appt-past-meeting", { first_response: met(close("2026-03-03"), bj("2026-03-03", "10:00:00"), "sp-1"), meeting_held: met(close("2026-03-11"), bj("2026-03-09", "15:00:00"), "sp-1") }],
    ["appt-closed", { first_response: met(close("2026-03-03"), bj("2026-03-02", "11:00:00"), "sp-2"), meeting_held: met(close("2026-03-11"), bj("2026-03-06", "15:00:00"), "sp-2") }],
    // A request for information was the first response; the previous rules had no assessment: the first response stood for it.
    ["urgent-info", { first_response: met(close("2026-03-03"), bj("2026-03-02", "11:00:00"), "sp-1"), assessment: met(close("2026-03-03"), bj("2026-03-02", "11:00:00"), "sp-1"), hearing_held: open(close("2026-03-05")) }],
    ["urgent-progress", { first_response: met(close("2026-03-03"), bj("2026-03-02", "12:00:00"), "sp-1"), assessment: met(close("2026-03-03"), bj("2026-03-02", "12:00:00"), "sp-1"), hearing_held: open(close("2026-03-05")) }],
    // Received on a Spring Festival evening: 2 hours, on hours; the hearing after 3 working days (24, 25, 26 Feb).
    ["eu-assigned", { first_response: open(bj("2026-02-18", "00:10:00"), "hours"), assessment: open(bj("2026-02-18", "00:10:00"), "hours"), hearing_held: open(close("2026-02-26")) }],
    ["urgent-withdrawn", { first_response: met(close("2026-03-03"), bj("2026-03-02", "12:00:00"), "sp-1"), assessment: met(close("2026-03-03"), bj("2026-03-02", "12:00:00"), "sp-1"), hearing_held: cancelled(close("2026-03-05")) }],
    ["policy-withdrawn", { first_response: cancelled(close("2026-03-03")), answer: cancelled(close("2026-03-16")) }],
    ["policy-resolved", { first_response: met(close("2026-03-03"), bj("2026-03-02", "14:00:00"), "sp-1"), answer: met(close("2026-03-16"), bj("2026-03-05", "10:00:00"), "sp-1") }],
    // Resolved on Wed 4 Mar without a first response before: met late, by the resolution.
    ["policy-resolved-unacknowledged", { first_response: met(close("2026-03-03"), bj("2026-03-04", "10:00:00"), "sp-1"), answer: met(close("2026-03-16"), bj("2026-03-04", "10:00:00"), "sp-1") }],
    ["policy-closed", { first_response: met(close("2026-03-03"), bj("2026-03-03", "16:00:00"), "sp-1"), answer: met(close("2026-03-16"), bj("2026-03-03", "16:00:00"), "sp-1") }],
  ])("%s", (caseId, expected) => {
    expect(derived(caseId)).toEqual(expected);
  });

  it("a meeting still to come leaves the meeting owed by the stored due", () => {
    const c = OLD_CASES.find((x) => x.id === "appt-future-meeting")!;
    const dues = oldDues("appointment", c.receivedAt);
    expect(derived(c.id)).toEqual({ first_response: met(dues.firstResponseDueAt, c.acknowledgedAt!, "sp-1"), meeting_held: open(dues.resolutionDueAt) });
  });

  it("derives every case, and nothing more", () => {
    expect(new Set(obligations.map((o) => o.case_id))).toEqual(new Set(OLD_CASES.map((c) => c.id)));
    expect(obligations).toHaveLength(OLD_CASES.reduce((n, c) => n + (c.kind === "appointment" || c.kind === "policy" ? 2 : 3), 0));
  });

  it("no closed, resolved or withdrawn case keeps an open obligation (the cron reaches open ones by their due)", () => {
    const settled = new Set(OLD_CASES.filter((c) => ["resolved", "closed", "withdrawn"].includes(c.status)).map((c) => c.id));
    expect(obligations.filter((o) => settled.has(o.case_id) && o.state === "open")).toEqual([]);
  });

  it("every open or resolved case is looked at again by the next tick; closed and withdrawn ones are not", () => {
    for (const c of cases) {
      if (["closed", "withdrawn"].includes(c.status)) expect(c.next_alert_at, c.id).toBeNull();
      else expect(c.next_alert_at, c.id).toBe(c.updated_at);
    }
    expect(cases.filter((c) => c.next_alert_at !== null)).toHaveLength(OLD_CASES.filter((c) => !["closed", "withdrawn"].includes(c.status)).length);
  });

  it("the ordinary kind's policy starts as the policy question's, as an admin had set it", async () => {
    const rows = (await client.execute("SELECT kind, first_response_working_days, first_response_hours, resolution_working_days FROM sla_policies WHERE kind IN ('policy', 'ordinary') ORDER BY kind")).rows;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { kind: "ordinary", first_response_working_days: 1, first_response_hours: null, resolution_working_days: 12 },
      { kind: "policy", first_response_working_days: 1, first_response_hours: null, resolution_working_days: 12 },
    ]);
  });

  it("cases escalated under the previous model get their notices: signed when sent, addressed to the owner's unit (the department's for the queue), unnumbered", async () => {
    const rows = (await client.execute("SELECT case_id, level, notice, obligation, missed_due_at, unit_id, status, drafted_at, signed_at, signed_by, number, deadline_at, text FROM supervision_notices ORDER BY case_id, level")).rows;
    expect(rows.map((r) => ({ ...r }))).toEqual([
      { case_id: "appt-queue", level: 1, notice: "reminder_letter", obligation: "first_response", missed_due_at: bj("2026-03-03", "23:59:59"), unit_id: "unit-dept", status: "signed", drafted_at: bj("2026-03-04"), signed_at: bj("2026-03-04"), signed_by: null, number: null, deadline_at: null, text: "提醒敦促函" },
      { case_id: "urgent-progress", level: 1, notice: "reminder_letter", obligation: "hearing_held", missed_due_at: bj("2026-03-05", "23:59:59"), unit_id: "unit-1", status: "signed", drafted_at: bj("2026-03-06"), signed_at: bj("2026-03-06"), signed_by: null, number: null, deadline_at: null, text: "提醒敦促函\n【HN-2026-urgent-progress】超期" },
      { case_id: "urgent-progress", level: 2, notice: "rectification_notice", obligation: "hearing_held", missed_due_at: bj("2026-03-05", "23:59:59"), unit_id: "unit-1", status: "signed", drafted_at: bj("2026-03-09"), signed_at: bj("2026-03-09"), signed_by: null, number: null, deadline_at: null, text: "责令整改通知书\n超期未办" },
    ]);
    // The ledger keeps the previous events as they were.
    expect((await client.execute("SELECT count(*) AS n FROM case_events WHERE type = 'escalated'")).rows[0]!.n).toBe(LEGACY_ESCALATIONS.length);
  });

  it("the cron's index finds open obligations by their due", async () => {
    const plan = (await client.execute("EXPLAIN QUERY PLAN SELECT case_id FROM case_obligations WHERE state = 'open' AND due_at <= 0")).rows.map((r) => String(r.detail));
    expect(plan.join(" ")).toContain("case_obligations_open_due");
  });
});
