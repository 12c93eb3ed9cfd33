// A case's obligations in words, for /status (investors) and /case (staff): each with its due and,
// once met, when; a moved due says so.
import type { ObligationRow } from "../db/queries/preload.ts";
import { makeCalendar, type WorkCalendar } from "../domain/calendar.ts";
import { beijingTime, dueText } from "../lib/format.ts";
import { t, type Locale } from "../lib/i18n.ts";

export function obligationLines(locale: Locale, rows: readonly ObligationRow[], audience: "staff" | "investor", calendar: WorkCalendar = makeCalendar([], [])): string[] {
  const latest = Math.max(0, ...rows.map((r) => r.cycle));
  return [...rows]
    .filter((r) => r.cycle === latest && r.state !== "cancelled")
    .sort((a, b) => a.dueAt - b.dueAt)
    .map((r) => {
      const due = audience === "staff" || r.clock === "hours" ? beijingTime(locale, r.dueAt) : dueText(locale, r.dueAt, calendar);
      const name = t(locale, `obligation-${r.obligation}`);
      if (r.state === "met" && r.metAt !== null) return t(locale, "obligation-line-met", { name, due, met: beijingTime(locale, r.metAt) });
      return t(locale, r.moved ? "obligation-line-moved" : "obligation-line-open", { name, due });
    });
}
