// Specialists and units: invites (only an admin creates a specialist; the person claims the
// record with a one-time code), duty, deputies, and the routing rule of first-inquiry responsibility.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { specialists, units } from "../schema.ts";

export type SpecialistRow = typeof specialists.$inferSelect;
export type UnitRow = typeof units.$inferSelect;

/** Claims an invite: binds the Telegram account to the specialist record, once, before it expires. */
export function claimInvite(db: Db, codeHash: string, telegramId: number, chatId: number, now: number) {
  return db
    .update(specialists)
    .set({ telegramId, noticeChatId: sql`COALESCE(${specialists.noticeChatId}, ${chatId})`, inviteCodeHash: null, inviteExpiresAt: null })
    .where(
      and(
        eq(specialists.inviteCodeHash, codeHash),
        sql`${specialists.inviteExpiresAt} > ${now}`,
        sql`${specialists.telegramId} IS NULL`,
        eq(specialists.active, true),
      ),
    );
}

export function specialistByTelegram(db: Db, telegramId: number) {
  return db
    .select({ specialist: specialists, unit: units })
    .from(specialists)
    .innerJoin(units, eq(units.id, specialists.unitId))
    .where(eq(specialists.telegramId, telegramId));
}

export function setDuty(db: Db, specialistId: string, onDuty: boolean) {
  return db.update(specialists).set({ onDuty }).where(eq(specialists.id, specialistId));
}

/**
 * The owner of a new case of `firmId` (首问负责制): the firm's own specialist; else the on-duty
 * specialist of the firm's city, county or park; else NULL, the business-environment department's queue.
 */
export function routedOwner(firmId: string): ReturnType<typeof sql> {
  return sql`COALESCE(
    (SELECT s.id FROM firms f JOIN specialists s ON s.id = f.specialist_id
      WHERE f.id = ${firmId} AND s.active = 1 AND s.telegram_id IS NOT NULL),
    (SELECT s.id FROM firms f JOIN specialists s ON s.area_code = f.area_code
      WHERE f.id = ${firmId} AND s.active = 1 AND s.on_duty = 1 AND s.telegram_id IS NOT NULL
        AND s.role IN ('specialist', 'unit_head')
      ORDER BY s.role = 'specialist' DESC, s.created_at LIMIT 1))`;
}
