import { eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { users } from "../schema.ts";
import { type Locale } from "../../domain/vocabulary.ts";

/** Records a Telegram user by id only: nothing personal until the privacy notice is accepted. */
export function upsertUser(db: Db, telegramId: number, now: number) {
  return db
    .insert(users)
    .values({ telegramId, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: users.telegramId });
}

export function setUserLocale(db: Db, telegramId: number, locale: Locale, now: number) {
  return db
    .insert(users)
    .values({ telegramId, locale, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: users.telegramId, set: { locale, updatedAt: now } });
}

export function userById(db: Db, telegramId: number) {
  return db.select().from(users).where(eq(users.telegramId, telegramId));
}

/** Status updates and surveys reach the person again (firmMembers leaves out the unreachable). */
export function markReachable(db: Db, telegramId: number, now: number) {
  return db.update(users).set({ unreachableAt: null, updatedAt: now }).where(eq(users.telegramId, telegramId));
}
