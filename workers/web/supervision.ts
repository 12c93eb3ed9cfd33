// The department's supervision desk (GET /web/supervision): drafts of 三书一函 awaiting sign-off,
// oldest first, and signed notices whose deadline passed without the unit's reply. Department
// officers (bizenv) sign on the case page; admins read. One read round trip.
import { Hono } from "hono/tiny";
import { html, raw } from "hono/html";
import { and, asc, eq, isNull, lt, sql } from "drizzle-orm";
import { t as label } from "../../lib/i18n.ts";
import { calendarWindow } from "../../db/queries/calendar.ts";
import { cases, supervisionNotices, units } from "../../db/schema.ts";
import { addDays, beijingDate, beijingMinute, makeCalendar } from "../../domain/calendar.ts";
import { overdueBy } from "../../domain/supervision.ts";
import { t } from "./i18n.ts";
import { page, signedInHeader } from "./layout.ts";
import { dbOf, requireViewer, webLocale, type WebBindings } from "./session.ts";

export const supervisionRoutes = new Hono<WebBindings>();
supervisionRoutes.use("/web/supervision", requireViewer());

/** How far back the calendar is read to count working days overdue. */
const LOOKBACK_DAYS = 400;

supervisionRoutes.get("/web/supervision", async (c) => {
  const locale = webLocale(c);
  const viewer = c.get("viewer");
  if (!viewer.seesAll) return c.html(page(locale, t(locale, "web-title"), html`<p class="error">${t(locale, "web-supervision-only")}</p>`), 403);
  const now = c.get("now")();
  const handle = dbOf(c);
  const { db } = handle;
  const columns = {
    notice: supervisionNotices,
    ref: cases.ref,
    unitZh: units.nameZh,
    unitEn: units.nameEn,
    // Hours for an obligation that runs on hours (especially urgent), working days otherwise.
    clock: sql<"working_days" | "hours">`COALESCE((SELECT o.clock FROM case_obligations o WHERE o.case_id = ${supervisionNotices.caseId} AND o.obligation = ${supervisionNotices.obligation} ORDER BY o.cycle DESC LIMIT 1), 'working_days')`,
  };
  const today = beijingDate(now);
  const [calendarDays, calendarYears] = calendarWindow(db, addDays(today, -LOOKBACK_DAYS), today);
  const [drafts, unanswered, days, years] = await handle.readBatch([
    db
      .select(columns)
      .from(supervisionNotices)
      .innerJoin(cases, eq(cases.id, supervisionNotices.caseId))
      .leftJoin(units, eq(units.id, supervisionNotices.unitId))
      .where(eq(supervisionNotices.status, "draft"))
      .orderBy(asc(supervisionNotices.draftedAt))
      .limit(500),
    db
      .select(columns)
      .from(supervisionNotices)
      .innerJoin(cases, eq(cases.id, supervisionNotices.caseId))
      .leftJoin(units, eq(units.id, supervisionNotices.unitId))
      .where(and(eq(supervisionNotices.status, "signed"), isNull(supervisionNotices.repliedAt), lt(supervisionNotices.deadlineAt, now)))
      .orderBy(asc(supervisionNotices.deadlineAt))
      .limit(500),
    calendarDays,
    calendarYears,
  ]);
  const calendar = makeCalendar(days, years.map((y) => y.year));
  const unitName = (zh: string | null, en: string | null) => (locale === "zh" ? (zh ?? en) : (en ?? zh)) ?? "—";
  const late = (dueAt: number, clock: "working_days" | "hours") => {
    const by = overdueBy(calendar, { clock, dueAt }, now);
    return t(locale, by.unit === "hours" ? "web-supervision-hours" : "web-supervision-days", { n: by.amount });
  };
  const caseLink = (ref: string, id: string) => html`<a href="/web/cases/${ref}#notice-${id}">${ref}</a>`;
  const body = html`${signedInHeader(locale, viewer, "supervision", `/web/supervision?lang=${locale === "zh" ? "en" : "zh"}`)}
<h1>${t(locale, "web-supervision-title")}</h1>
<h2>${t(locale, "web-supervision-drafts", { count: drafts.length })}</h2>
${drafts.length === 0
    ? html`<p>${t(locale, "web-supervision-no-drafts")}</p>`
    : html`<table class="drafts"><thead><tr>${["ref", "unit", "level", "obligation", "missed", "overdue", "drafted"].map((col) => html`<th>${t(locale, `web-supervision-col-${col}`)}</th>`)}</tr></thead><tbody>
${drafts.map((d) => html`<tr><td>${caseLink(d.ref, d.notice.id)}</td><td>${unitName(d.unitZh, d.unitEn)}</td><td>${t(locale, `fig-level-${d.notice.level}`)}</td><td>${raw(label(locale, `obligation-${d.notice.obligation}`))}</td>
<td>${beijingMinute(d.notice.missedDueAt)}</td><td class="overdue">${late(d.notice.missedDueAt, d.clock)}</td><td>${beijingMinute(d.notice.draftedAt)}</td></tr>`)}
</tbody></table>`}
<h2>${t(locale, "web-supervision-unanswered", { count: unanswered.length })}</h2>
${unanswered.length === 0
    ? html`<p>${t(locale, "web-supervision-none-unanswered")}</p>`
    : html`<table class="unanswered"><thead><tr>${["ref", "unit", "level", "number", "deadline", "overdue"].map((col) => html`<th>${t(locale, `web-supervision-col-${col}`)}</th>`)}</tr></thead><tbody>
${unanswered.map((d) => html`<tr><td>${caseLink(d.ref, d.notice.id)}</td><td>${unitName(d.unitZh, d.unitEn)}</td><td>${t(locale, `fig-level-${d.notice.level}`)}</td><td>${d.notice.number ?? "—"}</td>
<td>${beijingMinute(d.notice.deadlineAt ?? 0)}</td><td class="overdue">${late(d.notice.deadlineAt ?? 0, "working_days")}</td></tr>`)}
</tbody></table>`}`;
  return c.html(page(locale, t(locale, "web-supervision-title"), body));
});
