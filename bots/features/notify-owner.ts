// Tells a case's owner (in Chinese, to their chat or their unit's group) what the investor did.
import { sql } from "drizzle-orm";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import type { CaseRow } from "../../db/queries/preload.ts";
import type { UpdateUnit } from "../../db/unit.ts";
import { t, type Args } from "../i18n.ts";

export function notifyOwner(unit: UpdateUnit, c: CaseRow, what: "investor_message" | "withdrawn" | "attachment", args: Args): void {
  if (!c.ownerId) return;
  const payload = (locale: "zh" | "en") => ({ text: t(locale, `owner-${what}`, { ref: c.ref, ...args }), parse_mode: "HTML" as const });
  unit.write(
    enqueueForRecipients(unit.db, {
      keyPrefix: `case:${c.id}:${what}:${unit.updateId}:`,
      recipients: sql`SELECT 'owner' AS key_suffix, COALESCE(s.notice_chat_id, s.telegram_id) AS chat_id, 'zh' AS locale
                        FROM specialists s WHERE s.id = ${c.ownerId} AND s.active = 1`,
      payloads: { zh: payload("zh"), en: payload("en") },
      caseId: c.id,
      now: unit.now,
    }),
  );
}
