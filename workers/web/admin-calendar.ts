// The holiday calendar upload: the admin picks the State Council's schedule for a year (CSV or
// JSON), sees exactly which days it adds, removes or changes, and only then applies it.
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import { sql } from "drizzle-orm";
import { loadSchedule, previewSchedule } from "../../db/queries/admin.ts";
import { calendarDays, calendarYears } from "../../db/schema.ts";
import { parseScheduleCsv, parseScheduleJson, type ParsedSchedule } from "../../domain/calendar-import.ts";
import { beijingMinute } from "../../domain/calendar.ts";
import { actorOf, adminPage, notice, problemsList } from "./admin-shell.ts";
import { t, type Locale } from "./i18n.ts";
import { csrfField, type Viewer } from "./layout.ts";
import { dbOf, webLocale, type WebBindings } from "./session.ts";

export const calendarRoutes = new Hono<WebBindings>();

/** A year's schedule is a few dozen lines; anything far larger is not one. */
const MAX_UPLOAD_BYTES = 64 * 1024;

type Format = "csv" | "json";
const parse = (format: Format, text: string): ParsedSchedule => (format === "csv" ? parseScheduleCsv(text) : parseScheduleJson(text));

function uploadForm(locale: Locale, viewer: Viewer) {
  return html`<form class="filters card" id="calendar-upload" method="post" action="/web/admin/calendar/preview" enctype="multipart/form-data">${csrfField(viewer)}
<label>${t(locale, "admin-calendar-file")}<input type="file" name="file" accept=".csv,.json,text/csv,application/json" required></label>
<button name="preview" value="1">${t(locale, "admin-calendar-preview")}</button></form><p>${t(locale, "admin-calendar-help")}</p>`;
}

calendarRoutes.get("/web/admin/calendar", async (c) => {
  const locale = webLocale(c);
  const { db } = dbOf(c);
  const years = await db
    .select({ year: calendarYears.year, source: calendarYears.source, loadedAt: calendarYears.loadedAt, days: sql<number>`(SELECT count(*) FROM ${calendarDays} WHERE ${calendarDays.year} = ${calendarYears.year})` })
    .from(calendarYears)
    .orderBy(calendarYears.year);
  return adminPage(
    c,
    locale,
    "calendar",
    html`${notice(locale, c.req.query("done"))}${uploadForm(locale, c.get("viewer"))}
<table><thead><tr>${["year", "source", "days", "loadedAt"].map((k) => html`<th>${t(locale, `web-field-${k}`)}</th>`)}</tr></thead>
<tbody>${years.map((y) => html`<tr><td>${y.year}</td><td>${y.source}</td><td>${y.days}</td><td>${beijingMinute(y.loadedAt)}</td></tr>`)}</tbody></table>`,
  );
});

/** The upload as text and its format, or why it cannot be read. */
async function uploaded(body: Record<string, unknown>): Promise<{ format: Format; text: string } | undefined> {
  const file = body.file;
  if (file instanceof File) {
    if (file.size === 0 || file.size > MAX_UPLOAD_BYTES) return undefined;
    const format: Format = /\.json$/i.test(file.name) || file.type.includes("json") ? "json" : "csv";
    return { format, text: await file.text() };
  }
  const { format, content } = body;
  if ((format === "csv" || format === "json") && typeof content === "string" && content.length <= MAX_UPLOAD_BYTES) return { format, text: content };
  return undefined;
}

calendarRoutes.post("/web/admin/calendar/:step{preview|apply}", async (c) => {
  const locale = webLocale(c);
  const upload = await uploaded(await c.req.parseBody());
  const again = uploadForm(locale, c.get("viewer"));
  if (!upload) return adminPage(c, locale, "calendar", html`${problemsList([{ field: "file", rule: "admin-rule-file" }])}${again}`, 400);
  const parsed = parse(upload.format, upload.text);
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => ({ field: p.field, rule: `schedule-${p.code}`, ...(p.args ? { args: p.args } : {}), ...(p.line === undefined ? {} : { line: p.line }) }));
    return adminPage(c, locale, "calendar", html`${problemsList(problems)}${again}`, 400);
  }
  const { db } = dbOf(c);
  if (c.req.param("step") === "apply") {
    await loadSchedule(db, parsed, c.get("now")(), actorOf(c));
    return c.redirect("/web/admin/calendar?done=loaded", 303);
  }
  const diff = await previewSchedule(db, parsed);
  const changes = [
    ...diff.added.map((d) => ({ css: "added", date: d.date, what: t(locale, `admin-day-${d.kind}`), name: d.name })),
    ...diff.removed.map((d) => ({ css: "removed", date: d.date, what: t(locale, `admin-day-${d.kind}`), name: d.name })),
    ...diff.changed.map((d) => ({ css: "changed", date: d.date, what: `${t(locale, `admin-day-${d.from}`)} → ${t(locale, `admin-day-${d.to}`)}`, name: "" })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return adminPage(
    c,
    locale,
    "calendar",
    html`<p>${t(locale, "admin-calendar-summary", { year: String(parsed.year), days: parsed.days.length, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length })}</p>
${changes.length === 0
    ? html`<p>${t(locale, "admin-calendar-same")}</p>`
    : html`<table class="diff"><thead><tr><th>${t(locale, "web-field-date")}</th><th>${t(locale, "web-field-change")}</th><th>${t(locale, "web-field-name")}</th></tr></thead>
<tbody>${changes.map((ch) => html`<tr class="${ch.css}"><td>${ch.date}</td><td>${t(locale, `admin-diff-${ch.css}`)}: ${ch.what}</td><td>${ch.name}</td></tr>`)}</tbody></table>`}
<form id="calendar-apply" method="post" action="/web/admin/calendar/apply">${csrfField(c.get("viewer"))}<input type="hidden" name="format" value="${upload.format}"><input type="hidden" name="content" value="${upload.text}">
<button>${t(locale, "admin-calendar-apply", { year: String(parsed.year) })}</button> <a href="/web/admin/calendar">${t(locale, "admin-cancel")}</a></form>`,
  );
});
