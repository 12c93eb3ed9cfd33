// What recording a case by staff needs to know, as statements of the caller's read batch (the
// web's, or the webhook's preload, where the values come from the sender's form in progress):
// the firm by its code, whom the case would go to (首问负责制), whether the firm has members in
// the bot to tell, and whether the 12345 ticket is taken already.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { cases, firmMembers, firms, specialists, units } from "../schema.ts";

export interface RecordKeys {
  uscc: SQL;
  /** The area given for a new firm (a registered firm's own area wins). */
  area: SQL;
  ticket: SQL;
}

export interface RecordCandidate {
  specialistId: string;
  unitNameZh: string;
  unitNameEn: string;
  /** 0 the firm's own specialist, 1 on duty in the firm's area. */
  rank: number;
  createdAt: number;
}

export function recordReads(db: Db, keys: RecordKeys, enabled: SQL = sql`1 = 1`) {
  const firmArea = sql`COALESCE((SELECT area_code FROM firms WHERE uscc = ${keys.uscc}), ${keys.area})`;
  const firmSpecialist = sql`(SELECT specialist_id FROM firms WHERE uscc = ${keys.uscc})`;
  return [
    db.select().from(firms).where(sql`${enabled} AND ${firms.uscc} = ${keys.uscc}`),
    db
      .select({
        specialistId: specialists.id,
        unitNameZh: units.nameZh,
        unitNameEn: units.nameEn,
        rank: sql<number>`CASE WHEN ${specialists.id} = ${firmSpecialist} THEN 0 ELSE 1 END`,
        createdAt: specialists.createdAt,
      })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(
        sql`${enabled} AND ${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL
            AND (${specialists.id} = ${firmSpecialist} OR (${specialists.areaCode} = ${firmArea} AND ${specialists.onDuty} = 1 AND ${specialists.role} IN ('specialist', 'unit_head')))`,
      ),
    db
      .select({ n: sql<number>`count(*)` })
      .from(firmMembers)
      .innerJoin(firms, eq(firms.id, firmMembers.firmId))
      .where(sql`${enabled} AND ${firms.uscc} = ${keys.uscc} AND ${firmMembers.status} = 'active'`),
    db.select({ ref: cases.ref }).from(cases).where(sql`${enabled} AND ${cases.ticketNo} = ${keys.ticket}`),
  ] as const;
}
