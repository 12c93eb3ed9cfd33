// Specialists and units: invites (only an admin creates a specialist; the person claims the
// record with a one-time code), duty and deputies. Routing is domain/routing.ts.
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

export function setDuty(db: Db, specialistId: string, onDuty: boolean) {
  return db.update(specialists).set({ onDuty }).where(eq(specialists.id, specialistId));
}
