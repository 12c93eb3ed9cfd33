// Tells a case's owner (in Chinese, to their chat or group) what the investor did; a case still in
// the queue tells the business-environment department.
import { owner } from "../db/queries/audiences.ts";
import { enqueueForRecipients } from "../db/queries/outbox.ts";
import type { CaseRow } from "../db/queries/preload.ts";
import type { UpdateUnit } from "../db/unit.ts";
import { t, type Args } from "../lib/i18n.ts";

/** `about`: the investor whose words the notice quotes. */
export function notifyOwner(unit: UpdateUnit, c: CaseRow, what: "investor_message" | "withdrawn" | "attachment", args: Args, about: number): void {
  const payload = (locale: "zh" | "en") => ({ text: t(locale, `owner-${what}`, { ref: c.ref, ...args }), parse_mode: "HTML" as const });
  unit.write(
    enqueueForRecipients(unit.db, {
      keyPrefix: `case:${c.id}:${what}:${unit.updateId}:`,
      recipients: owner(c.ownerId),
      payloads: { zh: payload("zh"), en: payload("en") },
      caseId: c.id,
      now: unit.now,
      about,
    }),
  );
}
