// Retention (PIPL: kept no longer than needed): sent outbox rows go after OUTBOX_RETENTION_DAYS,
// processed-update marks after PROCESSED_UPDATES_RETENTION_DAYS (Telegram redelivers for up to 24
// hours and may reuse an update_id after a week). Both are found through their indexes and deleted
// a bounded batch at a time, so a tick's work follows what is due, never the size of either table.
// A sent row's dedupe key is what keeps a message once: the alert planner sends every alert that
// has come each time it looks at a case, relying on those keys, so the rows of a case whose alerts
// are still planned (next_alert_at set) stay until its plan ends.
import { inArray, sql } from "drizzle-orm";
import type { Db, DbHandle } from "../../db/client.ts";
import { outbox, processedUpdates, translations } from "../../db/schema.ts";
import type { JobsSettings } from "../../lib/settings.ts";
import type { CronJob } from "../scheduled.ts";

const DAY_MS = 86_400_000;
/** Rows deleted per table per batch, and batches per tick: at most 5,000 of each a tick; the rest waits. */
const BATCH = 500;
const MAX_BATCHES = 10;

/** The deletes of one batch (sent rows, marks, and translations as old as the sent rows that used them): the oldest due rows first. `status = 'sent'` is a literal so the partial index applies. */
export function purgeStatements(db: Db, outboxBefore: number, updatesBefore: number, batch: number) {
  return [
    db.delete(outbox).where(
      inArray(
        outbox.id,
        db
          .select({ id: outbox.id })
          .from(outbox)
          .where(
            sql`${outbox.status} = 'sent' AND ${outbox.sentAt} < ${outboxBefore}
                AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = ${outbox.caseId} AND c.next_alert_at IS NOT NULL)`,
          )
          .orderBy(outbox.sentAt)
          .limit(batch),
      ),
    ),
    db.delete(processedUpdates).where(
      inArray(
        processedUpdates.updateId,
        db
          .select({ id: processedUpdates.updateId })
          .from(processedUpdates)
          .where(sql`${processedUpdates.processedAt} < ${updatesBefore}`)
          .orderBy(processedUpdates.processedAt)
          .limit(batch),
      ),
    ),
    db.delete(translations).where(
      inArray(
        translations.hash,
        db.select({ hash: translations.hash }).from(translations).where(sql`${translations.createdAt} < ${outboxBefore}`).orderBy(translations.createdAt).limit(batch),
      ),
    ),
  ] as const;
}

export async function runRetention(handle: DbHandle, settings: JobsSettings, now: number, limits = { batch: BATCH, maxBatches: MAX_BATCHES }) {
  const outboxBefore = now - settings.OUTBOX_RETENTION_DAYS * DAY_MS;
  const updatesBefore = now - settings.PROCESSED_UPDATES_RETENTION_DAYS * DAY_MS;
  const done = { outbox: 0, processed_updates: 0, translations: 0, batches: 0 };
  while (done.batches < limits.maxBatches) {
    const [sent, marks, translated] = await handle.db.batch(purgeStatements(handle.db, outboxBefore, updatesBefore, limits.batch));
    done.batches += 1;
    done.outbox += sent.rowsAffected;
    done.processed_updates += marks.rowsAffected;
    done.translations += translated.rowsAffected;
    if (sent.rowsAffected < limits.batch && marks.rowsAffected < limits.batch && translated.rowsAffected < limits.batch) break;
  }
  return done;
}

export const retentionJob: CronJob = {
  name: "retention",
  run: ({ handle, settings, now }) => runRetention(handle, settings, now),
};
