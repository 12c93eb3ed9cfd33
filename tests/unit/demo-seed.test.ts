// The sandbox's demo unit: a ready person for every role, bound to the preset's user id, seeded
// twice without a change (every npm start runs it).
import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_FIRM_USCC, DEMO_PEOPLE, seedDemo } from "../../scripts/lib/demo-seed.ts";
import { applyMigrations } from "../../scripts/lib/migrate.ts";
import { validateUscc } from "../../domain/uscc.ts";

const dir = mkdtempSync(join(tmpdir(), "desk-demo-"));
const url = `file:${join(dir, "demo.db")}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo seed", () => {
  it("gives each role a preset: staff bound to their sandbox id, the investor an active member of a registered firm; a second run changes nothing", async () => {
    await applyMigrations(url);
    const people = await seedDemo(url, 1_700_000_000_000);
    expect(people.map((p) => p.role)).toEqual(["investor", "specialist", "unit_head", "bizenv", "admin"]);
    expect(new Set(people.map((p) => p.id)).size).toBe(people.length);
    expect(validateUscc(DEMO_FIRM_USCC).ok).toBe(true);
    await seedDemo(url, 1_800_000_000_000);
    const db = createClient({ url });
    try {
      const staff = (await db.execute("SELECT telegram_id, role, active, created_at FROM specialists ORDER BY telegram_id")).rows.map((r) => ({ ...r }));
      expect(staff).toEqual(
        DEMO_PEOPLE.filter((p) => p.role !== "investor").map((p) => ({ telegram_id: p.id, role: p.role, active: 1, created_at: 1_700_000_000_000 })),
      );
      const investor = DEMO_PEOPLE.find((p) => p.role === "investor")!;
      const member = (await db.execute({ sql: "SELECT f.uscc, m.status, f.specialist_id FROM firm_members m JOIN firms f ON f.id = m.firm_id WHERE m.telegram_id = ?", args: [investor.id] })).rows.map((r) => ({ ...r }));
      expect(member).toEqual([{ uscc: DEMO_FIRM_USCC, status: "active", specialist_id: "demo-specialist" }]);
      const [user] = (await db.execute({ sql: "SELECT locale, privacy_accepted_at FROM users WHERE telegram_id = ?", args: [investor.id] })).rows;
      expect(user).toMatchObject({ locale: "en", privacy_accepted_at: 1_700_000_000_000 });
      expect((await db.execute("SELECT count(*) AS n FROM units")).rows[0]!.n).toBe(2);
    } finally {
      db.close();
    }
  });
});
