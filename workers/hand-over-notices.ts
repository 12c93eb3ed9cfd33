// What a deactivated specialist's hand-over tells (db/queries/admin.ts decides and writes it): the
// deputy hears the case is now theirs (the case module's notice); a case left to the queue is
// announced to the department, which takes it. Used by the admin API and the web's admin pages.
import { renderNotices } from "../bots/case-notices.ts";
import { t } from "../lib/i18n.ts";
import { bizenvDepartment } from "../db/queries/audiences.ts";
import type { HandOverNotices } from "../db/queries/admin.ts";
import { makeCalendar } from "../domain/calendar.ts";

export const handOverNotices: HandOverNotices = (c, decision, to) => {
  const key = `handover:${c.from}`;
  const told = renderNotices(decision.notices, { id: c.id, ref: c.ref, kind: c.kind, firmId: c.firmId, ownerId: to?.id ?? null, unit: null, link: "", calendar: makeCalendar([], []) }, decision.status, key);
  if (to) return told;
  const text = t("zh", "handed-to-queue", { ref: c.ref, kind: t("zh", `kind-${c.kind}`), from: c.from });
  return [...told, { key: `case:${c.id}:${key}:queue:`, recipients: bizenvDepartment(), payloads: { zh: { text, parse_mode: "HTML" }, en: { text, parse_mode: "HTML" } } }];
};
