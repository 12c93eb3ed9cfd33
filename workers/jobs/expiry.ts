// Half-finished intakes expire with a notice (in the person's language), found by an index on expiry.
import { and, inArray, lte, sql } from "drizzle-orm";
import { t } from "../../lib/i18n.ts";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import { sessions } from "../../db/schema.ts";
import type { CronJob } from "../scheduled.ts";

export const expiryJob: CronJob = {
  name: "session_expiry",
  async run({ handle, now }) {
    const { db } = handle;
    const expired = await db
      .select({ telegramId: sessions.telegramId, version: sessions.version })
      .from(sessions)
      .where(and(sql`${sessions.expiresAt} IS NOT NULL`, lte(sessions.expiresAt, now), sql`${sessions.state} IS NOT NULL`))
      .limit(500);
    if (expired.length === 0) return { expired: 0 };
    const notice = (locale: "zh" | "en") => ({ text: t(locale, "form-expired"), parse_mode: "HTML" as const });
    const ids = expired.map((s) => s.telegramId);
    await db.batch([
      enqueueForRecipients(db, {
        keyPrefix: `expired:${now}:`,
        recipients: sql`SELECT s.telegram_id || ':' || s.version AS key_suffix, 'telegram' AS channel, u.chat_id AS chat_id, u.locale AS locale
                          FROM sessions s JOIN users u ON u.telegram_id = s.telegram_id
                         WHERE s.telegram_id IN ${ids} AND s.state IS NOT NULL AND s.expires_at <= ${now}`,
        payloads: { zh: notice("zh"), en: notice("en") },
        now,
      }),
      // Bumping the version makes a reply racing this tick redeliver and see the form gone.
      db
        .update(sessions)
        .set({ state: null, expiresAt: null, version: sql`${sessions.version} + 1`, updatedAt: now })
        .where(and(inArray(sessions.telegramId, ids), lte(sessions.expiresAt, now))),
    ]);
    return { expired: expired.length };
  },
};
