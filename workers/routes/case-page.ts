// The public case page (/s/<token>) and its JSON twin for the Hainan Free Trade Port International Service Portal: no
// login, the token is the key (≥128 bits, only its hash stored). Anything wrong is a plain 404.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { html, raw } from "hono/html";
import { eq } from "drizzle-orm";
import { beijingTime } from "../../lib/format.ts";
import { escapeHtml, t, type Locale } from "../../lib/i18n.ts";
import { obligationRecords } from "../../db/case-snapshot.ts";
import { nextText } from "../../bots/case-notices.ts";
import { openDbFor } from "../../db/client.ts";
import { calendarWindow, CALENDAR_WINDOW_DAYS } from "../../db/queries/calendar.ts";
import { caseEvents, caseObligations, cases, specialists, units } from "../../db/schema.ts";
import { addDays, beijingDate, beijingIso, makeCalendar } from "../../domain/calendar.ts";
import { nextStep } from "../../domain/case-rules.ts";
import { investorSees, isOpen } from "../../domain/vocabulary.ts";
import { obligationLines } from "../../bots/case-view.ts";
import type { ApiBindings } from "../api-app.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { edgeCache } from "../edge-cache.ts";
import { readLocale, rememberLocale } from "../locale.ts";
import { onlyParams } from "../validation.ts";

export const casePageRoutes = new Hono<ApiBindings>();

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** A well-formed token's hash names its cache entries; a malformed one is answered without the database. */
const tokenHash = async (c: Context) => {
  const token = c.req.param("token") ?? "";
  return TOKEN.test(token) ? await sha256Hex(token) : undefined;
};

/**
 * How long a page (or its JSON) is served from the cache, per token hash, language and variant: a status
 * change or a revoked link shows within this. The answers hold no personal data and only a request with
 * the same token can reach them; clients are still told not to store them.
 */
const CASE_TTL_SECONDS = 10;
const cachedCase = (variant: (c: Context) => string) =>
  edgeCache(CASE_TTL_SECONDS, async (c) => {
    const hash = await tokenHash(c);
    return hash && `case/${hash}/${variant(c)}`;
  });

async function findCase(c: Context<ApiBindings>) {
  const hash = await tokenHash(c);
  if (!hash) return undefined;
  const settings = c.get("settings");
  const handle = openDbFor(settings);
  const { db } = handle;
  const found = db
    .select({ c: cases, unitZh: units.nameZh, unitEn: units.nameEn })
    .from(cases)
    .leftJoin(specialists, eq(specialists.id, cases.ownerId))
    .leftJoin(units, eq(units.id, specialists.unitId))
    .where(eq(cases.publicTokenHash, hash));
  const events = db
    .select({ at: caseEvents.at, type: caseEvents.type, data: caseEvents.data })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(eq(cases.publicTokenHash, hash))
    .orderBy(caseEvents.id);
  const obligations = db
    .select({ o: caseObligations })
    .from(caseObligations)
    .innerJoin(cases, eq(cases.id, caseObligations.caseId))
    .where(eq(cases.publicTokenHash, hash))
    .orderBy(caseObligations.cycle, caseObligations.dueAt);
  // Make-up working days among the dues shown: the window a case's dues can reach.
  const today = beijingDate(c.get("now")());
  const [days, years] = calendarWindow(db, addDays(today, -CALENDAR_WINDOW_DAYS), addDays(today, CALENDAR_WINDOW_DAYS));
  const [[row], timeline, owed, dayRows, yearRows] = await handle.readBatch([found, events, obligations, days, years]);
  if (!row) return undefined;
  const calendar = makeCalendar(dayRows, yearRows.map((y) => y.year));
  const rows = owed.map((o) => o.o);
  const next = (locale: Locale) =>
    nextText(locale, nextStep(obligationRecords(rows), [], row.c.status), calendar);
  // Investors see that the case is supervised, not the office's exchanges with the unit.
  return { ...row, timeline: timeline.filter((e) => investorSees(e.type)), obligations: rows, calendar, next };
}

function notFound(c: Context<ApiBindings>) {
  c.header("Cache-Control", "no-store");
  return c.text("Not Found", 404);
}

const embedded = (c: Context) => c.req.query("embed") === "1";

casePageRoutes.get(
  "/s/:token",
  async (c, next) => {
    rememberLocale(c, "/s");
    await next();
  },
  cachedCase((c) => `page/${readLocale(c)}/${embedded(c) ? "embed" : "full"}`),
  async (c) => {
    const found = await findCase(c);
    if (!found) return notFound(c);
    const locale = readLocale(c);
    const other: Locale = locale === "zh" ? "en" : "zh";
    const embed = embedded(c);
    const portals = c.get("settings").PORTAL_ORIGINS;
    // Framed only by the portal's own origins, and only the embeddable variant.
    c.header("Content-Security-Policy", `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors ${embed && portals ? portals : "'none'"}`);
    c.header("Cache-Control", "private, no-store");
    c.header("Referrer-Policy", "no-referrer");
    const k = found.c;
    const unit = escapeHtml((locale === "zh" ? found.unitZh : found.unitEn) ?? t(locale, "unit-queue"));
    const query = (lang: Locale) => `?lang=${lang}${embed ? "&embed=1" : ""}`;
    const row = (label: string, value: string) => html`<div class="row"><dt>${t(locale, label)}</dt><dd>${raw(value)}</dd></div>`;
    return c.html(html`<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t(locale, "page-title", { ref: k.ref })}</title>
<style>
  body { margin: 0; font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2328; background: ${embed ? "#fff" : "#f4f6f8"}; }
  main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
  header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
  h1 { font-size: 1.2rem; margin: .2rem 0 1rem; } .ref { font-family: ui-monospace, monospace; }
  dl { background: #fff; border-radius: 10px; padding: .5rem 1rem; box-shadow: 0 1px 3px #0001; margin: 0 0 1rem; }
  .row { display: flex; gap: 1rem; padding: .45rem 0; border-bottom: 1px solid #eee; } .row:last-child { border: 0; }
  dt { flex: 0 0 7rem; color: #57606a; } dd { margin: 0; }
  .status { font-weight: 600; color: #1f6f8b; }
  ol { background: #fff; border-radius: 10px; padding: .5rem 1rem .5rem 2rem; box-shadow: 0 1px 3px #0001; }
  li { padding: .3rem 0; } time { color: #57606a; font-size: .9rem; display: block; }
  footer { color: #57606a; font-size: .85rem; margin-top: 1rem; } a { color: #1f6f8b; }
</style>
</head>
<body><main>
<header><h1>${t(locale, "page-heading")} · <span class="ref">${k.ref}</span></h1><a href="${query(other)}" hreflang="${other}">${t(locale, "page-switch")}</a></header>
<dl>
${row("page-kind", t(locale, `kind-${k.kind}`))}
${row("page-status", `<span class="status">${t(locale, `status-${k.status}`)}</span>`)}
${isOpen(k.status) && k.escalationLevel > 0 ? row("page-supervision", t(locale, "case-under-supervision")) : ""}
${row("page-next", found.next(locale))}
${row("page-received", beijingTime(locale, k.receivedAt))}
${row("page-obligations", obligationLines(locale, found.obligations, "investor", found.calendar).join("<br>"))}
${row("page-unit", unit)}
</dl>
<h2>${t(locale, "page-timeline")}</h2>
<ol>${found.timeline.map((e) => html`<li><time>${raw(beijingTime(locale, e.at))}</time>${raw(t(locale, `event-${e.type}`))}</li>`)}</ol>
<footer>${t(locale, "page-authoritative")} · ${t(locale, "page-portal")}</footer>
</main></body></html>`);
  },
);

/** The same facts as JSON, for the portal: no personal data, dates in ISO-8601 with +08:00. */
casePageRoutes.get("/api/cases/:token", onlyParams(), cachedCase(() => "json"), async (c) => {
  const found = await findCase(c);
  if (!found) return c.json({ error: "not_found" }, 404);
  const k = found.c;
  c.header("Cache-Control", "private, no-store");
  const both = (f: (l: Locale) => string) => ({ zh: f("zh"), en: f("en") });
  return c.json({
    ref: k.ref,
    kind: k.kind,
    status: k.status,
    statusText: both((l) => t(l, `status-${k.status}`)),
    next: both(found.next),
    underSupervision: isOpen(k.status) && k.escalationLevel > 0,
    receivedAt: beijingIso(k.receivedAt),
    firstResponseDue: beijingIso(k.firstResponseDueAt),
    resolutionDue: beijingIso(k.resolutionDueAt),
    obligations: found.obligations.map((o) => ({ obligation: o.obligation, cycle: o.cycle, state: o.state, due: beijingIso(o.dueAt), metAt: o.metAt === null ? null : beijingIso(o.metAt) })),
    unit: found.unitZh ? { zh: found.unitZh, en: found.unitEn } : null,
    timeline: found.timeline.map((e) => ({ at: beijingIso(e.at), event: e.type, text: both((l) => t(l, `event-${e.type}`)) })),
  });
});
