// Staff passkeys: the ceremonies' challenges (spent once, 5 minutes) and the stored credentials.
// A passkey signs in only while its specialist is active and at the generation it was registered at
// (a re-invite or a deactivation moves the generation on), as the Telegram link's sessions do.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { passkeys, webauthnChallenges } from "../passkey-schema.ts";
import { specialists } from "../schema.ts";
import { randomToken, sha256Hex } from "../../lib/crypto.ts";
import { claimableInvite, claimInvite } from "./specialists.ts";

export const CHALLENGE_MS = 5 * 60_000;

export type Ceremony = (typeof webauthnChallenges.$inferSelect)["ceremony"];
/** Whose passkey a registration makes: by an invite code (its hash), or from a signed-in session (its generation). */
export type Registrant = { specialistId: string; inviteCodeHash: string } | { specialistId: string; generation: number };

/**
 * A new challenge (256 random bits) for one ceremony: the statements that store its hash (and clear
 * the expired ones left by ceremonies never finished), to run in the caller's batch.
 */
export async function newChallenge(db: Db, ceremony: Ceremony, now: number, registrant?: Registrant) {
  const challenge = randomToken();
  const row = {
    challengeHash: await sha256Hex(challenge),
    ceremony,
    specialistId: registrant?.specialistId ?? null,
    inviteCodeHash: registrant && "inviteCodeHash" in registrant ? registrant.inviteCodeHash : null,
    generation: registrant && "generation" in registrant ? registrant.generation : null,
    expiresAt: now + CHALLENGE_MS,
  };
  return { challenge, writes: [db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)), db.insert(webauthnChallenges).values(row)] as const };
}

/** Spends a challenge (by its SHA-256) whatever comes next (a failed verification spends it too): the statement returns its row, if there was one. */
export const spendChallenge = (db: Db, challengeHash: string) => db.delete(webauthnChallenges).where(eq(webauthnChallenges.challengeHash, challengeHash)).returning();

/** The specialist an invite code would register a passkey for, while the code is unspent. */
export const invitedSpecialist = (db: Db, codeHash: string, now: number) =>
  db.select({ id: specialists.id, name: specialists.name }).from(specialists).where(claimableInvite(codeHash, now));

/** A stored credential with its specialist's state, for sign-in. */
export const passkeyForSignIn = (db: Db, credentialId: string) =>
  db
    .select({
      credentialId: passkeys.credentialId,
      publicKey: passkeys.publicKey,
      algorithm: passkeys.algorithm,
      signCount: passkeys.signCount,
      generation: passkeys.generation,
      specialistId: specialists.id,
      active: specialists.active,
      sessionGeneration: specialists.sessionGeneration,
    })
    .from(passkeys)
    .innerJoin(specialists, eq(specialists.id, passkeys.specialistId))
    .where(eq(passkeys.credentialId, credentialId));

export interface NewPasskey {
  credentialId: string;
  publicKey: string;
  algorithm: number;
  signCount: number;
  transports: string[];
}

/**
 * Stores a verified passkey. By invite: only while the invite is claimable, and the invite is spent in the
 * same batch (/join's own claim); from a session: only while the account is still at that generation.
 * Returns the statements; the last one's rows say whether it was stored (the specialist's id and generation).
 */
export function storePasskey(db: Db, registrant: Registrant, passkey: NewPasskey, now: number) {
  const condition =
    "inviteCodeHash" in registrant
      ? claimableInvite(registrant.inviteCodeHash, now)
      : and(eq(specialists.active, true), eq(specialists.sessionGeneration, registrant.generation));
  const insert = db.run(sql`INSERT INTO passkeys (credential_id, specialist_id, public_key, algorithm, sign_count, transports, generation, created_at)
    SELECT ${passkey.credentialId}, id, ${passkey.publicKey}, ${passkey.algorithm}, ${passkey.signCount}, ${JSON.stringify(passkey.transports)}, session_generation, ${now}
    FROM specialists WHERE ${and(eq(specialists.id, registrant.specialistId), condition)}`);
  const stored = db
    .select({ id: specialists.id, generation: specialists.sessionGeneration })
    .from(specialists)
    .where(sql`${specialists.id} = (SELECT specialist_id FROM passkeys WHERE credential_id = ${passkey.credentialId} AND created_at = ${now})`);
  return "inviteCodeHash" in registrant ? ([insert, claimInvite(db, registrant.inviteCodeHash, now), stored] as const) : ([insert, stored] as const);
}

/** Moves the counter on, only from the value verified against (two sign-ins racing: one wins). Returns the row if it moved. */
export const advanceCounter = (db: Db, credentialId: string, from: number, to: number, now: number) =>
  db
    .update(passkeys)
    .set({ signCount: to, lastUsedAt: now })
    .where(and(eq(passkeys.credentialId, credentialId), eq(passkeys.signCount, from)))
    .returning({ credentialId: passkeys.credentialId });
