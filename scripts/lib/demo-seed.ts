// The sandbox's demo unit: ready people for every role — an investor of a registered firm, that
// firm's specialist, the unit's head, an officer of the business-environment department and an
// admin — so each side of a case (and the web's sign-in with /web) can be tried in a minute.
// Local only: `npm start` runs it against the database it started itself, never against one it was
// given (LIBSQL_URL), and it is no migration. Idempotent: a second start changes nothing. With the
// sandbox, the unit's DingTalk group and the specialist's WeCom group too: robots on the local fake
// robots (DEMO_ROBOTS, which `npm start` registers there at every start), so their reminders, digests and
// supervision notices show on the fake's page instead of Telegram.
import { createClient } from "@libsql/client";
import { usccCheckCharacter } from "../../domain/uscc.ts";
import type { SpecialistRole } from "../../domain/vocabulary.ts";
import { sealSecret } from "../../lib/crypto.ts";
import { robotContext, type RobotCredential } from "../../lib/robots/robot.ts";

export type DemoRole = "investor" | SpecialistRole;

/** Whom the sandbox offers as presets: its user id is their Telegram id. */
export interface DemoPerson {
  role: DemoRole;
  id: number;
  name: string;
  /** The preset's label, both languages. */
  label: string;
  /** The staff account's id (specialists table); none for the investor. */
  staffId?: string;
}

export const DEMO_FIRM_USCC = (() => {
  const body = "91460100MA5DEM001";
  return body + usccCheckCharacter(body);
})();

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { role: "investor", id: 100001, name: "Jane Investor", label: "投资者 Investor" },
  { role: "specialist", id: 200001, name: "王专员", label: "专员 Specialist", staffId: "demo-specialist" },
  { role: "unit_head", id: 200002, name: "李局长", label: "单位负责人 Unit head", staffId: "demo-head" },
  { role: "bizenv", id: 200003, name: "赵处长", label: "营商环境部门 Department officer", staffId: "demo-officer" },
  { role: "admin", id: 200004, name: "管理员", label: "管理员 Admin", staffId: "demo-admin" },
];

const UNIT = { id: "demo-haikou", zh: "海口市营商环境局（演示）", en: "Haikou Business Environment Bureau (demo)", kind: "city", area: "haikou" };
const DEPARTMENT = { id: "demo-bizenv", zh: "海南省营商环境建设厅（演示）", en: "Hainan Business Environment Department (demo)", kind: "bizenv", area: null };

/**
 * The demo groups' robots: made-up credentials the fake robots know (they are no secret: the fake is
 * local); the stored copy is sealed like any robot's, under the stack's CHANNEL_CREDENTIALS_KEY.
 */
export const DEMO_ROBOTS = [
  { owner: { unitId: UNIT.id, specialistId: null }, name: `${UNIT.zh} · 钉钉群`, credential: { kind: "dingtalk", accessToken: "demo-haikou-dingtalk-group", secret: "SECdemo-haikou-dingtalk-signing-secret" } },
  { owner: { unitId: null, specialistId: "demo-specialist" }, name: "王专员 · 企业微信群", credential: { kind: "wecom", key: "demo-specialist-wecom-group-key" } },
] as const satisfies readonly { owner: { unitId: string | null; specialistId: string | null }; name: string; credential: RobotCredential }[];

/** The fake robots' registration of a demo robot. */
export const fakeRobotOf = ({ name, credential }: (typeof DEMO_ROBOTS)[number]) =>
  credential.kind === "dingtalk" ? { vendor: "dingtalk" as const, accessToken: credential.accessToken, secret: credential.secret, name } : { vendor: "wecom" as const, key: credential.key, name };

/** `robotsKey`: CHANNEL_CREDENTIALS_KEY, given only with the sandbox's fake robots (real vendors would refuse the made-up robots). */
export async function seedDemo(url: string, now = Date.now(), robotsKey?: string): Promise<readonly DemoPerson[]> {
  const client = createClient({ url });
  try {
    const robots = robotsKey ? await Promise.all(DEMO_ROBOTS.map(async (r) => ({
      // A robot an admin set or changed since is kept.
      sql: "INSERT OR IGNORE INTO notice_robots (unit_id, specialist_id, kind, credential, hint, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      args: [r.owner.unitId, r.owner.specialistId, r.credential.kind, await sealSecret(robotsKey, JSON.stringify(r.credential), robotContext(r.owner)), `…${(r.credential.kind === "dingtalk" ? r.credential.secret : r.credential.key).slice(-4)}`, now],
    }))) : [];
    const unitOf = (role: DemoRole) => (role === "bizenv" || role === "admin" ? DEPARTMENT.id : UNIT.id);
    await client.batch(
      [
        ...[UNIT, DEPARTMENT].map((u) => ({
          sql: "INSERT OR IGNORE INTO units (id, name_zh, name_en, kind, area_code, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          args: [u.id, u.zh, u.en, u.kind, u.area, now],
        })),
        ...DEMO_PEOPLE.filter((p) => p.staffId).map((p) => ({
          // The account is bound to its sandbox chat at once: no invite code to claim.
          sql: `INSERT OR IGNORE INTO specialists (id, telegram_id, name, unit_id, area_code, role, on_duty, active, created_at)
                VALUES (?, ?, ?, ?, 'haikou', ?, ?, 1, ?)`,
          args: [p.staffId!, p.id, p.name, unitOf(p.role), p.role, p.role === "specialist" ? 1 : 0, now],
        })),
        {
          sql: `INSERT OR IGNORE INTO firms (id, uscc, name_zh, name_en, area_code, industry, foreign_invested, investor_country, specialist_id, created_at)
                VALUES ('demo-firm', ?, '海南演示贸易有限公司', 'Hainan Demo Trading Ltd', 'haikou', 'trade', 1, 'Singapore', 'demo-specialist', ?)`,
          args: [DEMO_FIRM_USCC, now],
        },
        {
          // The investor has read the privacy notice and chosen English: the menu is one /start away.
          sql: `INSERT OR IGNORE INTO users (telegram_id, locale, chat_id, display_name, privacy_accepted_at, created_at, updated_at)
                VALUES (?, 'en', ?, ?, ?, ?, ?)`,
          args: [DEMO_PEOPLE[0]!.id, DEMO_PEOPLE[0]!.id, DEMO_PEOPLE[0]!.name, now, now, now],
        },
        {
          sql: "INSERT OR IGNORE INTO firm_members (firm_id, telegram_id, status, created_at) VALUES ('demo-firm', ?, 'active', ?)",
          args: [DEMO_PEOPLE[0]!.id, now],
        },
        ...robots,
      ],
      "write",
    );
    return DEMO_PEOPLE;
  } finally {
    client.close();
  }
}
