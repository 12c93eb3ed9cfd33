// The sandbox's demo unit: a ready person for every role, bound to the preset's user id, seeded
// twice without a change (every npm start runs it).
import { createClient } from "@libsql/client";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_FIRM_USCC, DEMO_PEOPLE, DEMO_ROBOTS, fakeRobotOf, seedDemo } from "../../scripts/lib/demo-seed.ts";
import { startFakeRobots } from "../../scripts/fake-robots/server.ts";
import { openSecret } from "../../lib/crypto.ts";
import { dingtalkSend } from "../../lib/robots/dingtalk.ts";
import { wecomPost } from "../../lib/robots/wecom.ts";
import { robotContext, type RobotCredential } from "../../lib/robots/robot.ts";
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
      // Without the sandbox's fake robots, no robot: real vendors would refuse made-up ones.
      expect((await db.execute("SELECT count(*) AS n FROM notice_robots")).rows[0]!.n).toBe(0);
    } finally {
      db.close();
    }
  });

  it("with the sandbox, gives the demo unit a DingTalk group and the demo specialist a WeCom group, sealed under the key, which the fake robots take; a second run keeps them", async () => {
    const key = "demo-channel-key-".padEnd(40, "x");
    const robotsUrl = `file:${join(dir, "robots.db")}`;
    await applyMigrations(robotsUrl);
    await seedDemo(robotsUrl, 1_700_000_000_000, key);
    await seedDemo(robotsUrl, 1_800_000_000_000, key);
    const db = createClient({ url: robotsUrl });
    const fake = await startFakeRobots();
    try {
      const stored = (await db.execute("SELECT unit_id, specialist_id, kind, credential, hint, updated_at FROM notice_robots ORDER BY id")).rows.map((r) => ({ ...r }));
      expect(stored.map(({ unit_id, specialist_id, kind, updated_at }) => ({ unit_id, specialist_id, kind, updated_at }))).toEqual([
        { unit_id: "demo-haikou", specialist_id: null, kind: "dingtalk", updated_at: 1_700_000_000_000 },
        { unit_id: null, specialist_id: "demo-specialist", kind: "wecom", updated_at: 1_700_000_000_000 },
      ]);
      for (const [i, robot] of DEMO_ROBOTS.entries()) {
        const row = stored[i]!;
        const credential = JSON.parse(await openSecret(key, String(row.credential), robotContext(robot.owner))) as RobotCredential;
        expect(credential).toEqual(robot.credential);
        expect(String(row.credential)).not.toContain(credential.kind === "dingtalk" ? credential.secret : credential.key);
        expect(row.hint).toBe(`…${(credential.kind === "dingtalk" ? credential.secret : credential.key).slice(-4)}`);
        // The fake robots, as npm start registers them, take a message sent with the stored credential.
        fake.add(fakeRobotOf(robot));
        const answer = credential.kind === "dingtalk"
          ? await dingtalkSend(fake.url, credential, { html: "<b>提醒</b>", mentions: [] }, Date.now(), 2_000)
          : await wecomPost(fake.url, credential.key, { msgtype: "markdown", markdown: { content: "提醒" } }, 2_000);
        expect(answer).toMatchObject({ errcode: 0 });
      }
      // The sandbox's page names each group.
      const page = await (await fetch(fake.url)).text();
      for (const robot of DEMO_ROBOTS) expect(page).toContain(robot.name);
    } finally {
      db.close();
      await fake.close();
    }
  });
});
