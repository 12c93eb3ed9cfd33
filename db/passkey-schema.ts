// The supervisors' web's own tables (staff passkeys), apart from schema.ts so that the bot's Worker,
// which imports schema.ts whole and is within a few hundred bytes of its bundle budget, does not carry them.
// drizzle.config.ts reads both files.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { specialists } from "./schema.ts";

const createdAt = () => integer("created_at").notNull();

/**
 * Staff passkeys (WebAuthn credentials) for the supervisors' web: only the public key (SPKI, base64url, with its
 * COSE algorithm: -7 ES256, -257 RS256) and the authenticator's signature counter; the private key never leaves
 * the authenticator.
 * `generation` is the account's session generation at registration: a re-invite or a deactivation (a new
 * generation) makes the passkey unusable, and a re-invite deletes it.
 */
export const passkeys = sqliteTable(
  "passkeys",
  {
    credentialId: text("credential_id").primaryKey(),
    specialistId: text("specialist_id")
      .notNull()
      .references(() => specialists.id),
    publicKey: text("public_key").notNull(),
    algorithm: integer("algorithm").notNull(),
    signCount: integer("sign_count").notNull(),
    transports: text("transports", { mode: "json" }).$type<string[]>().notNull(),
    generation: integer("generation").notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [index("passkeys_specialist").on(t.specialistId)],
);

/**
 * Open WebAuthn ceremonies: the SHA-256 of each challenge (≥ 128 random bits), for one ceremony, spent once
 * within 5 minutes. A registration names whose passkey it makes and how: by an invite (its code's hash,
 * spent with it) or from a signed-in session (the generation it was signed in at).
 */
export const webauthnChallenges = sqliteTable(
  "webauthn_challenges",
  {
    challengeHash: text("challenge_hash").primaryKey(),
    ceremony: text("ceremony", { enum: ["register", "sign-in"] }).notNull(),
    specialistId: text("specialist_id"),
    inviteCodeHash: text("invite_code_hash"),
    generation: integer("generation"),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("webauthn_challenges_expires").on(t.expiresAt)],
);
