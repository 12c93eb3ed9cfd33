// Specialists and units: invites (only an admin creates a specialist; the person claims the
// record with a one-time code, in the bot or with a passkey in the web), duty and deputies. Routing is domain/routing.ts.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { specialists, units } from "../schema.ts";

export type SpecialistRow = typeof specialists.$inferSelect;
export type UnitRow = typeof units.$inferSelect;

/** Invite codes are shown grouped (ABCD-EFGH-JKLM); any spacing or case is accepted. Its SHA-256 is what is stored. */
export function normaliseInviteCode(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** The specialist an invite code can still be claimed for: unexpired, unclaimed, active. */
export const claimableInvite = (codeHash: string, now: number) =>
  and(eq(specialists.inviteCodeHash, codeHash), sql`${specialists.inviteExpiresAt} > ${now}`, sql`${specialists.telegramId} IS NULL`, eq(specialists.active, true));

/**
 * Claims an invite, once, before it expires: /join binds the Telegram account to the specialist record;
 * the web's passkey registration (`telegram` absent) stores the passkey beside it in the same batch.
 */
export function claimInvite(db: Db, codeHash: string, now: number, telegram?: { telegramId: number; chatId: number }) {
  const binding = telegram ? { telegramId: telegram.telegramId, noticeChatId: sql`COALESCE(${specialists.noticeChatId}, ${telegram.chatId})` } : {};
  return db
    .update(specialists)
    .set({ ...binding, inviteCodeHash: null, inviteExpiresAt: null })
    .where(claimableInvite(codeHash, now));
}

export function setDuty(db: Db, specialistId: string, onDuty: boolean) {
  return db.update(specialists).set({ onDuty }).where(eq(specialists.id, specialistId));
}
