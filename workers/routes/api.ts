// Public JSON for the Hainan Free Trade Port International Service Portal: the deadline a firm would get if it filed now.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import * as v from "valibot";
import { deadlineRuleText } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { openDbFor } from "../../db/client.ts";
import { calendarWindow, CALENDAR_WINDOW_DAYS, policyFor } from "../../db/queries/calendar.ts";
import { CASE_KINDS } from "../../domain/vocabulary.ts";
import { addDays, beijingDate, beijingIso, makeCalendar } from "../../domain/calendar.ts";
import { headlineDues, obligationsFor } from "../../domain/obligations.ts";
import type { ApiBindings } from "../api-app.ts";
import { edgeCache } from "../edge-cache.ts";
import { fieldIssues, invalidRequest, onlyParams } from "../validation.ts";

export const apiRoutes = new Hono<ApiBindings>();

/** How long a deadline answer is kept, here and by clients. */
const DEADLINE_TTL_SECONDS = 300;

// An instant with its offset: 2026-02-12T10:00:00+08:00 or …Z. A bare date is ambiguous, so refused.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The date and time as written exist: Date.parse rolls 2026-02-30 over to 2 March instead of refusing it. */
function isRealInstant(value: string): boolean {
  const written = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!written || Number.isNaN(Date.parse(value))) return true; // the format rule speaks for it
  const [y, mo, d, h, mi, s = 0] = written.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const at = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo! - 1 && at.getUTCDate() === d && at.getUTCHours() === h && at.getUTCMinutes() === mi && at.getUTCSeconds() === s;
}

const DeadlineQuery = v.object({
  kind: v.picklist(CASE_KINDS),
  from: v.pipe(v.string(), v.regex(INSTANT, "invalid_format"), v.check((from) => !Number.isNaN(Date.parse(from)), "invalid_format"), v.check(isRealInstant, "real_date")),
});

/** The answer depends on these alone (and on the calendar and policies, which an admin change reaches within the TTL). */
const deadlineKey = (c: Context) => `deadline/${encodeURIComponent(c.req.query("kind") ?? "")}/${encodeURIComponent(c.req.query("from") ?? "")}`;

apiRoutes.get("/api/deadline", onlyParams("kind", "from"), edgeCache(DEADLINE_TTL_SECONDS, deadlineKey), async (c) => {
  const parsed = v.safeParse(DeadlineQuery, { kind: c.req.query("kind"), from: c.req.query("from") });
  if (!parsed.success) return invalidRequest(c, fieldIssues(parsed.issues));
  const { kind, from } = parsed.output;
  const received = Date.parse(from);
  const settings = c.get("settings");
  const handle = openDbFor(settings);
  const start = beijingDate(received);
  const [days, years, policies] = await handle.readBatch([...calendarWindow(handle.db, start, addDays(start, CALENDAR_WINDOW_DAYS))]);
  const policy = policyFor(kind, policies);
  const { records, warnings } = obligationsFor(makeCalendar(days, years.map((y) => y.year)), policy, received);
  const dues = headlineDues(records, kind);
  c.header("Cache-Control", `public, max-age=${DEADLINE_TTL_SECONDS}`);
  return c.json({
    kind,
    from: new Date(received).toISOString(),
    due: beijingIso(dues.resolutionDueAt),
    firstResponseDue: beijingIso(dues.firstResponseDueAt),
    // Each obligation the kind owes, named as in the case module, with its due.
    obligations: records.map((o) => ({ obligation: o.obligation, due: beijingIso(o.dueAt) })),
    rule: { zh: deadlineRuleText("zh", policy), en: deadlineRuleText("en", policy) },
    warnings: warnings.map((w) => ({ ...w, message: { zh: t("zh", "calendar-warning", { year: String(w.year) }), en: t("en", "calendar-warning", { year: String(w.year) }) } })),
  });
});
