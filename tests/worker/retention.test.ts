// Retention (PIPL, issue 14): sent outbox rows and processed-update marks go after their periods, a
// bounded batch at a time through indexes; a sent message keeps no text, so a case link's token is
// stored nowhere but as its hash once the status update is delivered.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { openDbFor } from "../../db/client.ts";
import { ConfigError, settingsOf } from "../../lib/settings.ts";
import { purgeStatements, retentionJob, runRetention } from "../../workers/jobs/retention.ts";
import { jobs } from "../../workers/scheduled.ts";
import { admin, joinedSpecialist } from "./support/admin.ts";
import { drainShared } from "./support/chat.ts";
import { randomUscc } from "./support/data.ts";
import { rows } from "./support/db.ts";
import { filePolicyQuestion, registeredInvestor } from "./support/flows.ts";

const DAY = 86_400_000;
// Far before any other test's rows (the database is shared with files running at the same time), so
// only this file's rows are old enough to go.
const NOW = Date.UTC(2001, 2, 1);
let serial = 0;

async function sentRow(sentAt: number, status = "sent", caseId: string | null = null) {
  const key = `retention-test:${NOW}:${++serial}:${Math.random()}`;
  await rows(
    `INSERT INTO outbox (dedupe_key, chat_id, chat_kind, method, payload, case_id, status, attempts, next_attempt_at, created_at, sent_at)
     VALUES (?, 42, 'private', 'sendMessage', '{"text":"x"}', ?, ?, 1, ?, ?, ?)`,
    [key, caseId, status, sentAt, sentAt, status === "sent" ? sentAt : null],
  );
  return key;
}

/** The retention periods of production (the tests' own settings keep rows longer: see tests/support/settings.ts). */
const settings = () => ({ ...settingsOf(env), OUTBOX_RETENTION_DAYS: 30, PROCESSED_UPDATES_RETENTION_DAYS: 8 });

async function mark(processedAt: number) {
  const id = -(NOW / 1000) - ++serial * 1000 - Math.floor(Math.random() * 1000);
  await rows("INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)", [id, processedAt]);
  return id;
}

const kept = async (keys: string[]) => (await rows<{ dedupe_key: string }>(`SELECT dedupe_key FROM outbox WHERE dedupe_key IN (${keys.map(() => "?").join(",")})`, keys)).map((r) => r.dedupe_key);
const marksKept = async (ids: number[]) =>
  (await rows<{ update_id: number }>(`SELECT update_id FROM processed_updates WHERE update_id IN (${ids.map(() => "?").join(",")})`, ids)).map((r) => r.update_id);

describe("retention", () => {
  it("purges sent rows after 30 days and processed marks after 8, keeping pending, dead-lettered and younger rows", async () => {
    const oldSent = await sentRow(NOW - 31 * DAY);
    const youngSent = await sentRow(NOW - 29 * DAY);
    const oldPending = await sentRow(NOW - 90 * DAY, "pending");
    const oldDead = await sentRow(NOW - 90 * DAY, "dead");
    const oldMark = await mark(NOW - 9 * DAY);
    const youngMark = await mark(NOW - 7 * DAY);
    const report = await retentionJob.run({ handle: openDbFor(settings()), settings: settings(), now: NOW, cron: "*/5 * * * *" });
    expect(report).toMatchObject({ outbox: 1, processed_updates: 1 });
    expect(await kept([oldSent, youngSent, oldPending, oldDead])).toEqual([youngSent, oldPending, oldDead]);
    expect(await marksKept([oldMark, youngMark])).toEqual([youngMark]);
    expect(jobs.map((j) => j.name)).toContain("retention");
  });

  it("keeps the sent rows of a case whose alerts are still planned: their dedupe keys keep each alert once", async () => {
    // A case whose next look is far ahead, so no other file's tick takes it meanwhile.
    const id = crypto.randomUUID();
    await rows("INSERT INTO firms (id, uscc, area_code, industry, foreign_invested, created_at) VALUES (?, ?, 'haikou', 'trade', 1, ?)", [id, randomUscc(), NOW]);
    await rows(
      `INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, received_at, first_response_due_at, resolution_due_at, next_alert_at, updated_at)
       VALUES (?, ?, ?, 'policy', 'received', 's', '{}', ?, ?, ?, ?, ?)`,
      [id, `HN-2001-R${++serial}${Math.floor(Math.random() * 1e6)}`, id, NOW - 60 * DAY, NOW - 59 * DAY, Date.UTC(2100, 0, 1), Date.UTC(2100, 0, 1), NOW],
    );
    const reminder = await sentRow(NOW - 58 * DAY, "sent", id);
    await runRetention(openDbFor(settings()), settings(), NOW);
    expect(await kept([reminder])).toEqual([reminder]);
    await rows("UPDATE cases SET next_alert_at = NULL WHERE id = ?", [id]);
    await runRetention(openDbFor(settings()), settings(), NOW);
    expect(await kept([reminder])).toEqual([]);
  });

  it("works in bounded batches: what is left waits for the next tick", async () => {
    const at = NOW - 400 * DAY;
    const keys = [];
    for (let i = 0; i < 25; i++) keys.push(await sentRow(at - i));
    const handle = openDbFor(settingsOf(env));
    const first = await runRetention(handle, settings(), NOW, { batch: 10, maxBatches: 2 });
    expect(first).toMatchObject({ outbox: 20, batches: 2 });
    expect(await kept(keys)).toHaveLength(5);
    const second = await runRetention(handle, settings(), NOW, { batch: 10, maxBatches: 2 });
    expect(second).toMatchObject({ outbox: 5, batches: 1 });
    expect(await kept(keys)).toHaveLength(0);
  });

  it("finds what is due through indexes, never a scan of either table", async () => {
    const handle = openDbFor(settingsOf(env));
    const plans: string[] = [];
    for (const statement of purgeStatements(handle.db, NOW, NOW, 500)) {
      const { sql, params } = statement.toSQL();
      const plan = await rows<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as never);
      plans.push(plan.map((p) => p.detail).join(" | "));
    }
    expect(plans[0]).toMatch(/SEARCH outbox USING (COVERING )?INDEX outbox_sent \(sent_at<\?\)/);
    expect(plans[0]).toMatch(/SEARCH c USING (COVERING )?INDEX sqlite_autoindex_cases_1 \(id=\?\)/);
    expect(plans[1]).toMatch(/SEARCH processed_updates USING (COVERING )?INDEX processed_updates_at \(processed_at<\?\)/);
    for (const plan of plans) expect(plan).not.toMatch(/SCAN (outbox|processed_updates|c)\b/);
  });

  it("keeps no case-link token once a status update is delivered: only its hash is stored", async () => {
    const specialist = await joinedSpecialist();
    const { chat, uscc } = await registeredInvestor("en");
    expect((await admin("PUT", `/admin/firms/${uscc}/specialist`, { specialistId: specialist.id })).status).toBe(200);
    const filed = await filePolicyQuestion(chat);
    // The confirmation and the status update carry the link (the update once the outbox has sent it).
    const linked = async () => {
      const texts = (await chat.messages()).map((m) => String(m.payload.text));
      const token = texts.map((t) => /\/s\/([A-Za-z0-9_-]{32})/.exec(t)?.[1]).find(Boolean);
      return { token, count: token ? texts.filter((t) => t.includes(token)).length : 0 };
    };
    await expect.poll(async () => (await linked()).count >= 2 || (await drainShared(), false), { timeout: 15_000 }).toBe(true);
    const token = (await linked()).token!;
    const delivered = await rows<{ status: string; payload: string }>("SELECT status, payload FROM outbox WHERE case_id = ? AND dedupe_key LIKE 'status:%'", [filed.id]);
    expect(delivered.map((r) => r.status)).toEqual(["sent"]);
    expect(await rows("SELECT dedupe_key FROM outbox WHERE instr(payload, ?) > 0", [token])).toEqual([]);
  });

  it("takes its periods from OUTBOX_RETENTION_DAYS and PROCESSED_UPDATES_RETENTION_DAYS, naming a bad one and its rule", () => {
    const { OUTBOX_RETENTION_DAYS: _, PROCESSED_UPDATES_RETENTION_DAYS: __, ...base } = env as Record<string, unknown>;
    expect(settingsOf(base as never)).toMatchObject({ OUTBOX_RETENTION_DAYS: 30, PROCESSED_UPDATES_RETENTION_DAYS: 8 });
    expect(settingsOf({ ...base, OUTBOX_RETENTION_DAYS: "90", PROCESSED_UPDATES_RETENTION_DAYS: "3" } as never)).toMatchObject({ OUTBOX_RETENTION_DAYS: 90, PROCESSED_UPDATES_RETENTION_DAYS: 3 });
    const bad = (() => {
      try {
        settingsOf({ ...base, OUTBOX_RETENTION_DAYS: "0", PROCESSED_UPDATES_RETENTION_DAYS: "1" } as never);
      } catch (error) {
        return error as ConfigError;
      }
    })();
    expect(bad).toBeInstanceOf(ConfigError);
    expect(bad!.issues.map((i) => i.setting).sort()).toEqual(["OUTBOX_RETENTION_DAYS", "PROCESSED_UPDATES_RETENTION_DAYS"]);
    expect(bad!.issues.find((i) => i.setting === "PROCESSED_UPDATES_RETENTION_DAYS")!.rule).toMatch(/24 hours/);
  });
});
