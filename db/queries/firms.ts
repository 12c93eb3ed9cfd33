// Firms and their members. Registration and joining are one batch each. Registering a firm that no
// verified member speaks for is a claim: the person is an "unverified" member (may file cases and
// see their own, approves nobody) until the firm's specialist, or with none the business-environment
// department, verifies it. A firm with a verified member turns the registration into a request to
// join ("pending"), which a verified member or the firm's specialist approves. Existing "active"
// members are the verified ones.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client.ts";
import { enqueueForRecipients, type MessagePayload } from "./outbox.ts";
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
      SELECT f.id, ${telegramId},
             CASE WHEN EXISTS (SELECT 1 FROM firm_members v WHERE v.firm_id = f.id AND v.status = 'active') THEN 'pending' ELSE 'unverified' END,
             ${now}
      FROM firms f WHERE f.uscc = ${draft.uscc}
      ON CONFLICT (firm_id, telegram_id) DO UPDATE SET status = excluded.status, created_at = excluded.created_at
        WHERE firm_members.status = 'rejected'`),
  ] as const;
}

/** The status of `telegramId`'s membership of the firm with this code, as a scalar subquery. */
export function membershipStatus(uscc: string, telegramId: number) {
  return sql`(SELECT m.status FROM firm_members m JOIN firms f ON f.id = m.firm_id WHERE f.uscc = ${uscc} AND m.telegram_id = ${telegramId})`;
}

/**
 * Recipients (key_suffix, channel, chat_id, locale), on Telegram (their buttons), who may approve `applicant` joining the firm with this
 * code: its verified members and its specialist, only while the request is pending. The key names
 * the request (its time), so the same request sent again tells nobody twice.
 */
export function joinApprovers(uscc: string, applicant: number) {
  const request = sql`firms f JOIN firm_members p ON p.firm_id = f.id AND p.telegram_id = ${applicant} AND p.status = 'pending'`;
  return sql`
    SELECT p.created_at || ':member:' || u.telegram_id AS key_suffix, 'telegram' AS channel, u.chat_id AS chat_id, u.locale AS locale
      FROM ${request} JOIN firm_members m ON m.firm_id = f.id JOIN users u ON u.telegram_id = m.telegram_id
     WHERE f.uscc = ${uscc} AND m.status = 'active' AND u.erased_at IS NULL
    UNION ALL
    SELECT p.created_at || ':specialist:' || s.id, 'telegram', COALESCE(s.notice_chat_id, s.telegram_id), 'zh'
      FROM ${request} JOIN specialists s ON s.id = f.specialist_id
     WHERE f.uscc = ${uscc} AND s.active = 1`;
}

/**
 * Whether the specialist row `s` verifies claims on the firm `firmId`: the firm's specialist, or,
 * when it has none who can be reached, the business-environment department (its staff and admins).
 */
function verifies(firmId: SQL) {
  return sql`s.active = 1 AND s.telegram_id IS NOT NULL AND (
    s.id = (SELECT vf0.specialist_id FROM firms vf0 WHERE vf0.id = ${firmId})
    OR (s.role IN ('bizenv', 'admin') AND NOT ${hasReachableSpecialist(firmId)}))`;
}

/** Whether the firm `firmId` has a specialist of its own who can be reached (else its claims are the department's). */
function hasReachableSpecialist(firmId: SQL) {
  return sql`EXISTS (SELECT 1 FROM firms vf JOIN specialists vs ON vs.id = vf.specialist_id
                      WHERE vf.id = ${firmId} AND vs.active = 1 AND vs.telegram_id IS NOT NULL)`;
}

/**
 * Recipients of a new claim on the firm with this code, on Telegram (their buttons), while it awaits verification (keyed by the
 * claim, like joinApprovers): the firm's specialist; with none, the department's group chat, where
 * its staff tap the buttons. (Its staff see every claim at /web/claims and in their daily digest.)
 */
export function claimVerifiers(uscc: string, claimant: number) {
  const claim = sql`firms f JOIN firm_members p ON p.firm_id = f.id AND p.telegram_id = ${claimant} AND p.status = 'unverified'`;
  return sql`
    SELECT p.created_at || ':specialist:' || s.id AS key_suffix, 'telegram' AS channel, COALESCE(s.notice_chat_id, s.telegram_id) AS chat_id, 'zh' AS locale
      FROM ${claim} JOIN specialists s ON s.id = f.specialist_id AND s.active = 1 AND s.telegram_id IS NOT NULL
     WHERE f.uscc = ${uscc}
    UNION ALL
    SELECT p.created_at || ':bizunit:' || u.id, 'telegram', u.notice_chat_id, 'zh'
      FROM ${claim} JOIN units u ON u.kind = 'bizenv' AND u.notice_chat_id IS NOT NULL
     WHERE f.uscc = ${uscc} AND NOT ${hasReachableSpecialist(sql`f.id`)}`;
}

/** Claims awaiting the department's verification (their firms have no specialist who can be reached). */
export function departmentClaimsCount(db: Db) {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(firmMembers)
    .where(sql`${firmMembers.status} = 'unverified' AND NOT ${hasReachableSpecialist(sql`${firmMembers.firmId}`)}`);
}

/** Who decides: the specialist tapping a button (by Telegram id) or signed in to the web (by id). */
export type Decider = { telegramId: number } | { specialistId: string };
const deciderRow = (d: Decider) => ("telegramId" in d ? sql`s.telegram_id = ${d.telegramId}` : sql`s.id = ${d.specialistId}`);
const deciderTelegramId = (d: Decider) => sql`(SELECT s.telegram_id FROM specialists s WHERE ${deciderRow(d)})`;

/**
 * Verifies (or rejects) a claim, only if the decider may (see `verifies`): the authorisation is
 * part of the statement, so it holds at the moment it runs. The claimant hears of a decision that
 * took effect.
 */
export function decideClaim(db: Db, firmId: string, claimant: number, decider: Decider, verify: boolean, notice: { zh: MessagePayload; en: MessagePayload }, now: number) {
  const status = verify ? "active" : "rejected";
  return [
    db.run(sql`
      UPDATE firm_members SET status = ${status}, approved_by = ${deciderTelegramId(decider)}
       WHERE firm_id = ${firmId} AND telegram_id = ${claimant} AND status = 'unverified'
         AND EXISTS (SELECT 1 FROM specialists s WHERE ${deciderRow(decider)} AND ${verifies(sql`${firmId}`)})`),
    enqueueForRecipients(db, {
      keyPrefix: `claim:${firmId}:${claimant}:`,
      recipients: sql`SELECT m.created_at || ':decided' AS key_suffix, 'telegram' AS channel, u.chat_id AS chat_id, u.locale AS locale
                        FROM firm_members m JOIN users u ON u.telegram_id = m.telegram_id
                       WHERE ${claimDecided(firmId, claimant, status, decider)} AND m.firm_id = ${firmId} AND m.telegram_id = ${claimant}`,
      payloads: notice,
      now,
      about: claimant,
    }),
  ] as const;
}

/** Whether `decider`'s decision on the claim is the one that took effect. */
export function claimDecided(firmId: string, claimant: number, status: "active" | "rejected", decider: Decider) {
  return sql`EXISTS (SELECT 1 FROM firm_members WHERE firm_id = ${firmId} AND telegram_id = ${claimant}
                       AND status = ${status} AND approved_by = ${deciderTelegramId(decider)})`;
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

/** Whether `decider`'s decision on `applicant` is the one that took effect. */
export function decidedBy(firmId: string, applicant: number, status: string, decider: number) {
  return sql`EXISTS (SELECT 1 FROM firm_members WHERE firm_id = ${firmId} AND telegram_id = ${applicant}
                       AND status = ${status} AND approved_by = ${decider})`;
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

/** Claims awaiting verification that this specialist may verify (see `verifies`), oldest first. */
export function claimsVerifiableBy(db: Db, specialistId: string, limit = 200) {
  return db
    .select({
      firmId: firmMembers.firmId,
      telegramId: firmMembers.telegramId,
      claimedAt: firmMembers.createdAt,
      uscc: firms.uscc,
      nameZh: firms.nameZh,
      nameEn: firms.nameEn,
      areaCode: firms.areaCode,
      contact: users.displayName,
      phone: users.phone,
    })
    .from(firmMembers)
    .innerJoin(firms, eq(firms.id, firmMembers.firmId))
    .leftJoin(users, eq(users.telegramId, firmMembers.telegramId))
    .where(sql`${firmMembers.status} = 'unverified' AND EXISTS (SELECT 1 FROM specialists s WHERE s.id = ${specialistId} AND ${verifies(sql`${firms.id}`)})`)
    .orderBy(firmMembers.createdAt)
    .limit(limit);
}
