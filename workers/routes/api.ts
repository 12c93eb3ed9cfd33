// Public JSON for the Hainan Free Trade Port International Service Portal: the deadline a firm would get if it filed now.
import { Hono } from "hono/tiny";
import * as z from "zod/mini";
import { deadlineRuleText } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { openDbFor } from "../../db/client.ts";
import { calendarWindow, CALENDAR_WINDOW_DAYS, policyFor } from "../../db/queries/calendar.ts";
import { CASE_KINDS } from "../../domain/vocabulary.ts";
import { addDays, beijingDate, beijingIso, makeCalendar } from "../../domain/calendar.ts";
import { headlineDues, obligationsFor } from "../../domain/obligations.ts";
import type { AppBindings } from "../app.ts";
import { fieldIssues, invalidRequest } from "../validation.ts";

export const apiRoutes = new Hono<AppBindings>();

// An instant with its offset: 2026-02-12T10:00:00+08:00 or …Z. A bare date is ambiguous, so refused.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const DeadlineQuery = z.object({
  kind: z.enum(CASE_KINDS),
  from: z.string().check(z.regex(INSTANT, "invalid_format"), z.refine((v) => !Number.isNaN(Date.parse(v)), "invalid_format")),
});

apiRoutes.get("/api/deadline", async (c) => {
  const parsed = z.safeParse(DeadlineQuery, { kind: c.req.query("kind"), from: c.req.query("from") });
  if (!parsed.success) return invalidRequest(c, fieldIssues(parsed.error));
  const { kind, from } = parsed.data;
  const received = Date.parse(from);
  const settings = c.get("settings");
  const handle = openDbFor(settings);
  const start = beijingDate(received);
  const [days, years, policies] = await handle.readBatch([...calendarWindow(handle.db, start, addDays(start, CALENDAR_WINDOW_DAYS))]);
  const policy = policyFor(kind, policies);
  const { records, warnings } = obligationsFor(makeCalendar(days, years.map((y) => y.year)), policy, received);
  const dues = headlineDues(records, kind);
  c.header("Cache-Control", "public, max-age=300");
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
