// Migration 0016 over data of 0015: portal events already queued (a made-up Bot API method on chat 0)
// move to the portal's own channel, every other row stays Telegram's, and the triggers write the
// portal's channel from then on.
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate.ts";

const dir = mkdtempSync(join(tmpdir(), "desk-migration-channels-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("moves queued portal events to the portal channel; Telegram rows stay; new events ride the portal channel", async () => {
  const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
  const before = join(dir, "migrations-0015");
  cpSync(MIGRATIONS_DIR, before, { recursive: true });
  const journalPath = join(before, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number; tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 15);
  expect(journal.entries.at(-1)?.tag).toBe("0015_recorded_cases");
  writeFileSync(journalPath, JSON.stringify(journal));
  await migrate(drizzle(client), { migrationsFolder: before });
  await client.execute(`INSERT INTO outbox (dedupe_key, chat_id, chat_kind, method, payload, status, attempts, next_attempt_at, created_at)
    VALUES ('portal:c1:1', 0, 'private', 'portalWebhook', '{}', 'pending', 0, 1, 1), ('msg:1', 42, 'private', 'sendMessage', '{"text":"x"}', 'pending', 0, 1, 1)`);

  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
  const rows = await client.execute("SELECT dedupe_key, channel, method FROM outbox ORDER BY id");
  expect(rows.rows.map((r) => ({ ...r }))).toEqual([
    { dedupe_key: "portal:c1:1", channel: "portal", method: "event" },
    { dedupe_key: "msg:1", channel: "telegram", method: "sendMessage" },
  ]);
  const triggers = await client.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cases_portal_%'");
  expect(triggers.rows).toHaveLength(2);
  for (const t of triggers.rows) expect(String(t.sql)).toContain("0, 'portal', 'private', 'event'");
  client.close();
});
