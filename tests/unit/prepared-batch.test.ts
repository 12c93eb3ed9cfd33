// The webhook's preload is built by Drizzle once per shape and isolate, then only its values are filled
// in (issue 15: query building was the Worker's largest JavaScript cost per update). Each call must still
// read its own rows, mapped as Drizzle maps them, and a new shape must get its own statements.
import { createClient, type Client } from "@libsql/client";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client.ts";
import { preparedReadBatch } from "../../db/prepared-batch.ts";
import { preloadSender } from "../../db/queries/preload.ts";
import { sessions, users } from "../../db/schema.ts";
import { MIGRATIONS_DIR } from "../../scripts/lib/migrate.ts";

const dir = mkdtempSync(join(tmpdir(), "desk-prepared-"));
let client: Client;
let handle: DbHandle;

beforeAll(async () => {
  client = createClient({ url: `file:${join(dir, "prepared.db")}` });
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
  await client.batch(
    [
      "INSERT INTO users (telegram_id, locale, chat_id, privacy_accepted_at, created_at, updated_at) VALUES (701, 'en', 701, 1, 1, 1), (702, 'zh', 702, NULL, 2, 2)",
      `INSERT INTO sessions (telegram_id, state, version, expires_at, updated_at) VALUES (701, '{"flow":"form","at":"question"}', 3, 9999999999999, 1), (702, '{"flow":"idle"}', 7, 9999999999999, 1)`,
      "INSERT INTO firms (id, uscc, name_zh, area_code, industry, foreign_invested, created_at) VALUES ('f1', '91460100PREP000001', '企业', 'haikou', 'trade', 1, 0)",
      "INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, received_at, first_response_due_at, resolution_due_at, updated_at) VALUES ('c1', 'HN-PREP-1', 'f1', 'policy', 'received', 's', '{}', 1, 2, 3, 1)",
    ],
    "write",
  );
  const db = drizzle(client);
  handle = { db, client, readBatch: db.batch.bind(db) as never, roundTrips: () => 0 };
});

afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("preparedReadBatch", () => {
  it("builds a shape once and reads each call's own rows with its values", async () => {
    let builds = 0;
    const build = (db: DbHandle["db"]) => {
      builds += 1;
      return { sender: [db.select().from(users).where(eq(users.telegramId, sql.placeholder("id"))), db.select().from(sessions).where(eq(sessions.telegramId, sql.placeholder("id")))] as const };
    };
    const [firstUsers, firstSessions] = (await preparedReadBatch(handle, "test:user-and-session", build, { id: 701 })).sender;
    const [secondUsers, secondSessions] = (await preparedReadBatch(handle, "test:user-and-session", build, { id: 702 })).sender;
    expect(builds).toBe(1);
    expect(firstUsers.map((u) => [u.telegramId, u.locale])).toEqual([[701, "en"]]);
    expect(secondUsers.map((u) => [u.telegramId, u.locale])).toEqual([[702, "zh"]]);
    // Drizzle's own mapping: the JSON state comes back parsed.
    expect(firstSessions[0]!.state).toEqual({ flow: "form", at: "question" });
    expect(secondSessions[0]!.version).toBe(7);
  });

  it("sends no statement for a group left out, and gives each group its own rows", async () => {
    const sent: number[] = [];
    const counting: DbHandle = { ...handle, client: { batch: (statements: unknown[], mode: never) => (sent.push(statements.length), client.batch(statements as never, mode)) } as never };
    const build = (db: DbHandle["db"]) => ({
      user: [db.select().from(users).where(eq(users.telegramId, sql.placeholder("id")))] as const,
      session: undefined,
      both: [db.select().from(sessions).where(eq(sessions.telegramId, sql.placeholder("id"))), db.select().from(users).where(eq(users.telegramId, 702))] as const,
    });
    const read = await preparedReadBatch(counting, "test:groups", build, { id: 701 });
    expect(sent).toEqual([3]);
    expect(read.session).toBeUndefined();
    expect(read.user[0].map((u) => u.telegramId)).toEqual([701]);
    expect([read.both[0][0]?.version, read.both[1][0]?.telegramId]).toEqual([3, 702]);
  });

  it("refuses a call that leaves a placeholder without its value", async () => {
    const build = (db: DbHandle["db"]) => ({ user: [db.select().from(users).where(eq(users.telegramId, sql.placeholder("id")))] as const });
    await expect(preparedReadBatch(handle, "test:missing-value", build, {})).rejects.toThrow(/placeholder "id"/);
  });
});

describe("the webhook's preload, prepared", () => {
  it("reads each sender's own rows through one cached shape, and a case by ref through another", async () => {
    const first = await preloadSender(handle, 1, 701, {});
    const second = await preloadSender(handle, 2, 702, {});
    expect([first.user?.telegramId, first.session?.version]).toEqual([701, 3]);
    expect([second.user?.telegramId, second.session?.version]).toEqual([702, 7]);
    expect(first.case).toBeUndefined();
    const byRef = await preloadSender(handle, 3, 701, { caseRef: "HN-PREP-1", caseEvents: true });
    expect(byRef.case?.id).toBe("c1");
    expect(byRef.user?.telegramId).toBe(701);
    expect(byRef.answers.caseEvents).toEqual([]);
    const other = await preloadSender(handle, 4, 702, { caseRef: "HN-NONE-9", caseEvents: true });
    expect(other.case).toBeUndefined();
  });
});
