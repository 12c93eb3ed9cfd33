// Firms and their members. Registration and joining are one batch each: a firm that already
// exists (or is registered by someone else in the same instant) turns the registration into a
// request to join, which a current member or the firm's specialist must approve.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { firmMembers, firms, users } from "../schema.ts";

export interface FirmDraft {
  uscc: string;
  nameZh: string | null;
  nameEn: string | null;
  areaCode: string;
  industry: string;
  foreignInvested: boolean;
  investorCountry: string | null;
}

export function registerFirm(db: Db, firmId: string, draft: FirmDraft, telegramId: number, now: number) {
  return [
    db
      .insert(firms)
      .values({ id: firmId, ...draft, createdAt: now })
      .onConflictDoNothing({ target: firms.uscc }),
    db.run(sql`
      INSERT INTO firm_members (firm_id, telegram_id, status, created_at)
      SELECT f.id, ${telegramId}, CASE WHEN f.id = ${firmId} THEN 'active' ELSE 'pending' END, ${now}
      FROM firms f WHERE f.uscc = ${draft.uscc}
      ON CONFLICT (firm_id, telegram_id) DO UPDATE SET status = 'pending', created_at = excluded.created_at
        WHERE firm_members.status = 'rejected'`),
  ] as const;
}

export function membershipByUscc(db: Db, telegramId: number, uscc: string) {
  return db
    .select({ status: firmMembers.status, firm: firms })
    .from(firmMembers)
    .innerJoin(firms, eq(firms.id, firmMembers.firmId))
    .where(and(eq(firmMembers.telegramId, telegramId), eq(firms.uscc, uscc)));
}

export function firmByUscc(db: Db, uscc: string) {
  return db.select().from(firms).where(eq(firms.uscc, uscc));
}

/**
 * Recipients (key_suffix, chat_id, locale) who may approve `applicant` joining the firm with this
 * code: its active members and its specialist — only while the request is pending.
 */
export function joinApprovers(uscc: string, applicant: number) {
  const pending = sql`EXISTS (SELECT 1 FROM firm_members p JOIN firms pf ON pf.id = p.firm_id
                               WHERE pf.uscc = ${uscc} AND p.telegram_id = ${applicant} AND p.status = 'pending')`;
  return sql`
    SELECT 'member:' || u.telegram_id AS key_suffix, u.chat_id AS chat_id, u.locale AS locale
      FROM firms f JOIN firm_members m ON m.firm_id = f.id JOIN users u ON u.telegram_id = m.telegram_id
     WHERE f.uscc = ${uscc} AND m.status = 'active' AND u.erased_at IS NULL AND ${pending}
    UNION ALL
    SELECT 'specialist:' || s.id, COALESCE(s.notice_chat_id, s.telegram_id), 'zh'
      FROM firms f JOIN specialists s ON s.id = f.specialist_id
     WHERE f.uscc = ${uscc} AND s.active = 1 AND ${pending}`;
}

/**
 * Decides a pending request, only if the decider is an active member of the firm or its
 * specialist; the authorisation is part of the statement, so it holds at the moment it runs.
 */
export function decideJoin(db: Db, firmId: string, applicant: number, deciderTelegramId: number, approve: boolean) {
  return db.run(sql`
    UPDATE firm_members SET status = ${approve ? "active" : "rejected"}, approved_by = ${deciderTelegramId}
     WHERE firm_id = ${firmId} AND telegram_id = ${applicant} AND status = 'pending'
       AND (EXISTS (SELECT 1 FROM firm_members a WHERE a.firm_id = ${firmId} AND a.telegram_id = ${deciderTelegramId} AND a.status = 'active')
            OR EXISTS (SELECT 1 FROM firms f JOIN specialists s ON s.id = f.specialist_id
                        WHERE f.id = ${firmId} AND s.telegram_id = ${deciderTelegramId} AND s.active = 1))`);
}

export function membership(db: Db, firmId: string, telegramId: number) {
  return db
    .select({ status: firmMembers.status, approvedBy: firmMembers.approvedBy })
    .from(firmMembers)
    .where(and(eq(firmMembers.firmId, firmId), eq(firmMembers.telegramId, telegramId)));
}

export function saveContact(db: Db, telegramId: number, contact: { displayName: string | null; phone: string | null }, now: number) {
  return db.update(users).set({ ...contact, updatedAt: now }).where(eq(users.telegramId, telegramId));
}

export function acceptPrivacy(db: Db, telegramId: number, chatId: number, now: number) {
  return db
    .insert(users)
    .values({ telegramId, chatId, privacyAcceptedAt: now, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: users.telegramId, set: { chatId, privacyAcceptedAt: now, erasedAt: null, updatedAt: now } });
}
