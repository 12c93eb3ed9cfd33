// The cron's alert tick at scale (issue 15): its claim and its reads go through the due and key
// indexes, never a scan of the open cases, whatever their number. Proven with SQLite's own plan
// (EXPLAIN QUERY PLAN) of the statements the tick runs, over the migrated schema holding open cases.
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimStatement, liveNoticesOf, obligationsOfCases } from "../../workers/jobs/alerts.ts";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate.ts";

const dir = mkdtempSync(join(tmpdir(), "desk-plan-"));
let client: Client;
const NOW = Date.UTC(2026, 2, 10, 1, 5);
const DAY = 86_400_000;

beforeAll(async () => {
  client = createClient({ url: `file:${join(dir, "plan.db")}` });
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
  // 2,000 open cases, 20 of them due; no ANALYZE, as in production.
  const values = Array.from({ length: 2000 }, (_, i) => {
    const nextAlert = i < 20 ? NOW - 60_000 : NOW + 30 * DAY;
    return `('c${i}', 'PLAN-${i}', 'f', 'urgent', 'assigned', 's', '{}', NULL, ${NOW - DAY}, ${NOW}, ${NOW + 3 * DAY}, ${nextAlert}, ${NOW - DAY})`;
  });
  await client.batch(
    [
      "INSERT INTO firms (id, uscc, name_zh, area_code, industry, foreign_invested, created_at) VALUES ('f', '91460100PLAN000001', '企业', 'haikou', 'trade', 1, 0)",
      `INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at, next_alert_at, updated_at) VALUES ${values.join(",")}`,
    ],
    "write",
  );
});

afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plan's lines (SQLite's `detail` column) of a Drizzle statement. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql, params } = query.toSQL();
  const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
  return plan.rows.map((row) => String(row.detail));
}


describe("the alert tick's plan at scale", () => {
  const db = () => drizzle(client);
  const ids = Array.from({ length: 20 }, (_, i) => `c${i}`);

  it("claims the due cases through the partial index on next_alert_at, and updates them by key", async () => {
    const plan = await planOf(claimStatement(db(), NOW, NOW + 600_000));
    expect(plan).toContain("SEARCH cases USING INDEX cases_next_alert (next_alert_at>? AND next_alert_at<?)");
    expect(plan.filter((line) => line.startsWith("SCAN"))).toEqual([]);
  });

  it("reads the claimed cases' obligations and live notices by their case keys", async () => {
    for (const query of [obligationsOfCases(db(), ids), liveNoticesOf(db(), ids)]) {
      const plan = await planOf(query);
      // One line each: a search by case_id (the primary key's index, the live notices' unique index).
      expect(plan).toHaveLength(1);
      expect(plan[0]).toMatch(/^SEARCH (case_obligations|supervision_notices) USING (COVERING )?INDEX \w+ \(case_id=\?\)$/);
    }
  });
});
