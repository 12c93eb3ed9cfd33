// What supervision (三书一函) reads besides the case: the ladder admins set (settings key
// `supervision_ladder`), the addressed units' principals and the issuing department's name.
import { eq, sql, type SQL } from "drizzle-orm";
import * as v from "valibot";
import { DEFAULT_LADDER, type LadderPolicy } from "../../domain/supervision.ts";
import type { Db } from "../client.ts";
import { cases, firms, settings, supervisionNotices, units } from "../schema.ts";

export const LADDER_SETTING = "supervision_ladder";

const count = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
const steps = (max: number) => v.strictTuple([count(max), count(max), count(max), count(max)]);

/**
 * The ladder as admins may set it (any field may be left out: the default stands). The bounds keep
 * every step inside the calendar window the cron reads (db/queries/calendar.ts).
 */
export const LadderSetting = v.partial(
  v.object({
    workingDays: steps(30),
    hours: steps(72),
    rectificationWorkingDays: count(30),
    numberPrefix: v.pipe(v.string(), v.minLength(1), v.maxLength(20)),
  }),
);

/** The stored ladder over the default; a value that does not pass (hand-edited) leaves the default. */
export function ladderFrom(stored: unknown): LadderPolicy {
  const value = typeof stored === "string" ? safeJson(stored) : stored;
  if (value === undefined || value === null) return DEFAULT_LADDER;
  const parsed = v.safeParse(LadderSetting, value);
  return parsed.success ? { ...DEFAULT_LADDER, ...parsed.output } : DEFAULT_LADDER;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function ladderSetting(db: Db) {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, LADDER_SETTING));
}

/** The principal (主要负责同志) a notice names: the unit's active heads, 、-separated. */
export const principalOf = (unitId: SQL | string) =>
  sql<string | null>`(SELECT group_concat(name, '、') FROM specialists WHERE unit_id = ${unitId} AND role = 'unit_head' AND active = 1)`;

/** The supervising office's unit (kind bizenv): the issuer of every notice, and the addressee of a queue case's. */
export function departmentUnit(db: Db) {
  return db
    .select({ id: units.id, name: units.nameZh, principal: principalOf(sql`${units.id}`) })
    .from(units)
    .where(eq(units.kind, "bizenv"))
    .orderBy(units.id)
    .limit(1);
}

/** Everything a notice's document names besides the case: read in the preload with the notice. */
export function noticeDocumentContext(db: Db, noticeId: SQL) {
  return db
    .select({
      ladder: sql<string | null>`(SELECT value FROM settings WHERE key = ${LADDER_SETTING})`,
      unitId: units.id,
      unitName: units.nameZh,
      principal: principalOf(sql`${supervisionNotices.unitId}`),
      issuer: sql<string | null>`(SELECT name_zh FROM units WHERE kind = 'bizenv' ORDER BY id LIMIT 1)`,
      firm: sql<string>`COALESCE(${firms.nameZh}, ${firms.nameEn}, '')`,
    })
    .from(supervisionNotices)
    .innerJoin(cases, eq(cases.id, supervisionNotices.caseId))
    .innerJoin(firms, eq(firms.id, cases.firmId))
    .leftJoin(units, eq(units.id, supervisionNotices.unitId))
    .where(sql`${supervisionNotices.id} = ${noticeId}`);
}

export type NoticeDocumentContext = Awaited<ReturnType<typeof noticeDocumentContext>>[number];
