// The figures page (统计): per unit and period, the rates supervisors are judged by, as SVG charts
// a supervisor can read at a glance and as a table with the counts behind each rate.
import { Hono } from "hono/tiny";
import { html, raw } from "hono/html";
import { loadFigures } from "../../db/queries/figures.ts";
import { units } from "../../db/schema.ts";
import { beijingDate } from "../../domain/calendar.ts";
import { parsePeriod, type Average, type Figures, type Period, type Ratio, type UnitFigures } from "../../domain/figures.ts";
import { RECEIPT_CHANNELS, type ReceiptChannel } from "../../domain/vocabulary.ts";
import { horizontalBars, stackedBars } from "./charts.ts";
import { t, type Locale } from "./i18n.ts";
import { badFilterPage, page, queryOf, signedInHeader, UNIT_PARAM, type Viewer } from "./layout.ts";
import { dbOf, requireViewer, webLocale, type WebBindings } from "./session.ts";

export const figuresRoutes = new Hono<WebBindings>();

/** The targets drawn on the charts: the closure and satisfaction levels the seeds report. */
const TARGET_RATE = 0.9;
const MEETING_DAYS_RULE = 7;

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
const ratioText = (r: Ratio) => (r.rate === null ? "–" : `${percent(r.rate)} (${r.numerator}/${r.denominator})`);
const averageText = (a: Average) => (a.average === null ? "–" : `${a.average} (${a.count})`);

function unitName(locale: Locale, u: UnitFigures): string {
  if (u.unitId === null) return t(locale, "unit-queue");
  return (locale === "zh" ? (u.unitZh ?? u.unitEn) : (u.unitEn ?? u.unitZh)) ?? u.unitId;
}

function charts(locale: Locale, figures: Figures) {
  const rows = (pick: (u: UnitFigures) => Ratio) => figures.units.map((u) => ({ label: unitName(locale, u), value: pick(u).rate, note: `${pick(u).numerator}/${pick(u).denominator}` }));
  const rateChart = (key: string, pick: (u: UnitFigures) => Ratio) => raw(horizontalBars({ title: t(locale, key), rows: rows(pick), target: TARGET_RATE }));
  const meetingDays = figures.units.map((u) => u.avgWorkingDaysToMeeting.average ?? 0);
  return html`<div class="charts"><section class="card">${rateChart("fig-closure", (u) => u.closureRate)}</section>
<section class="card">${rateChart("fig-first-response", (u) => u.firstResponseOnTime)}</section>
<section class="card">${rateChart("fig-resolution", (u) => u.resolutionOnTime)}</section>
<section class="card">${rateChart("fig-satisfaction", (u) => u.satisfaction)}</section>
<section class="card">${raw(
    horizontalBars({
      title: t(locale, "fig-meeting-days"),
      rows: figures.units.map((u) => ({ label: unitName(locale, u), value: u.avgWorkingDaysToMeeting.average, note: String(u.avgWorkingDaysToMeeting.count) })),
      max: Math.max(MEETING_DAYS_RULE, ...meetingDays),
      format: (v) => v.toFixed(1),
      target: MEETING_DAYS_RULE,
    }),
  )}</section>
<section class="card">${raw(
    stackedBars({
      title: t(locale, "fig-escalations"),
      series: [1, 2, 3, 4].map((level) => ({ label: t(locale, `fig-level-${level}`) })),
      rows: figures.units.map((u) => ({ label: unitName(locale, u), values: [...u.escalations] })),
    }),
  )}</section></div>`;
}

function table(locale: Locale, figures: Figures) {
  const columns = ["unit", "received", "withdrawn", "closure", "first-response", "resolution", "satisfaction", "meeting-days", "escalations"];
  const row = (u: UnitFigures, name: string, total = false) =>
    html`<tr${total ? raw(' class="total"') : ""}><td>${name}</td><td>${u.received}</td><td>${u.withdrawn}</td><td>${ratioText(u.closureRate)}</td><td>${ratioText(u.firstResponseOnTime)}</td>
<td>${ratioText(u.resolutionOnTime)}</td><td>${ratioText(u.satisfaction)}</td><td>${averageText(u.avgWorkingDaysToMeeting)}</td><td>${u.escalations.join(" / ")}</td></tr>`;
  return html`<table class="figures"><thead><tr>${columns.map((col) => html`<th>${t(locale, `fig-col-${col}`)}</th>`)}</tr></thead>
<tbody>${figures.units.map((u) => row(u, unitName(locale, u)))}${row(figures.total, t(locale, "fig-total"), true)}</tbody></table>`;
}

function periodForm(locale: Locale, period: Period, unit: string | undefined, channel: string | undefined, viewer: Viewer, units: { id: string; label: string }[]) {
  return html`<form class="filters" method="get" action="/web/figures">
<label>${t(locale, "web-filter-from")}<input type="date" name="from" value="${period.from}" required></label>
<label>${t(locale, "web-filter-to")}<input type="date" name="to" value="${period.to}" required></label>
${viewer.seesAll
    ? html`<label>${t(locale, "web-filter-unit")}<select name="unit"><option value="">${t(locale, "web-any")}</option>${units.map(
        (u) => html`<option value="${u.id}" ${u.id === unit ? raw("selected") : ""}>${u.label}</option>`,
      )}</select></label>`
    : ""}
<label>${t(locale, "field-channel")}<select name="channel"><option value="">${t(locale, "web-any")}</option>${RECEIPT_CHANNELS.map(
    (code) => html`<option value="${code}" ${code === channel ? raw("selected") : ""}>${t(locale, `option-channel-${code}`)}</option>`,
  )}</select></label>
<button>${t(locale, "web-filter-apply")}</button></form>`;
}

figuresRoutes.use("/web/figures", requireViewer());

figuresRoutes.get("/web/figures", async (c) => {
  const locale = webLocale(c);
  const viewer = c.get("viewer");
  const query = new URL(c.req.url).searchParams;
  const now = c.get("now")();
  const period = parsePeriod(query, beijingDate(now));
  const asked = query.get("unit") || undefined;
  if (!period.ok) return c.html(badFilterPage(locale, t(locale, "fig-title"), period.field, period.rule), 400);
  if (asked && !UNIT_PARAM.test(asked)) return c.html(badFilterPage(locale, t(locale, "fig-title"), "unit", "choice"), 400);
  const channel = query.get("channel") || undefined;
  if (channel !== undefined && !(RECEIPT_CHANNELS as readonly string[]).includes(channel)) return c.html(badFilterPage(locale, t(locale, "fig-title"), "channel", "choice"), 400);
  // A specialist or unit head sees their own unit only, whatever the query asks.
  const unitId = viewer.seesAll ? asked : viewer.unitId;
  const handle = dbOf(c);
  const [figures, unitRows] = await Promise.all([
    loadFigures(handle, { unitId, ...(channel ? { channel: channel as ReceiptChannel } : {}) }, period, now),
    viewer.seesAll ? handle.db.select({ id: units.id, nameZh: units.nameZh, nameEn: units.nameEn }).from(units).orderBy(units.id) : [],
  ]);
  const choices = unitRows.map((u) => ({ id: u.id, label: locale === "zh" ? u.nameZh : u.nameEn }));
  const switchTo = queryOf({ from: period.from, to: period.to, unit: asked, channel, lang: locale === "zh" ? "en" : "zh" });
  return c.html(
    page(
      locale,
      t(locale, "fig-title"),
      html`${signedInHeader(locale, viewer, "figures", switchTo)}
<h1>${t(locale, "fig-title")} · ${period.from} – ${period.to}</h1>
<p>${t(locale, "fig-definitions")}</p>
${periodForm(locale, period, asked, channel, viewer, choices)}
${figures.total.received === 0 && figures.units.length === 0 ? html`<p>${t(locale, "fig-empty")}</p>` : html`${table(locale, figures)}${charts(locale, figures)}`}`,
    ),
  );
});
