// The case ledger (台账) behind the supervisors' web: one query for the page and the CSV, scoped
// to what the viewer may see, with validated filters.
import { Hono } from "hono/tiny";
import { html, raw } from "hono/html";
import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { AREAS } from "../../bots/forms/choices.ts";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbHandle } from "../../db/client.ts";
import { cases, firms, specialists, units } from "../../db/schema.ts";
import { CASE_KINDS, type CaseKind, type CaseStatus } from "../../domain/vocabulary.ts";
import { addDays, beijingIso, beijingMinute, instantOfBeijing, isRealDate } from "../../domain/calendar.ts";
import { CASE_STATUSES, isOpen, OPEN_STATUSES } from "../../domain/vocabulary.ts";
import { t, type Locale } from "./i18n.ts";
import { badFilterPage, errorPage, page, queryOf, signedInHeader, UNIT_PARAM, type Viewer } from "./layout.ts";
import { dbOf, requireViewer, webLocale, type WebBindings } from "./session.ts";

export interface LedgerFilters {
  kind?: CaseKind;
  status?: CaseStatus;
  unit?: string;
  overdue: boolean;
  /** The firm's city/county or park. */
  area?: Area;
  /** Received on these Beijing dates, inclusive. */
  from?: string;
  to?: string;
  page: number;
}

type Area = (typeof AREAS)[number];
export type ParsedFilters =
  | { ok: true; filters: LedgerFilters }
  | { ok: false; field: "kind" | "status" | "unit" | "area" | "overdue" | "from" | "to" | "page"; rule: "choice" | "page" | "date" | "order" };

const PAGE_SIZE = 50;
const CSV_MAX_ROWS = 10_000;

export function parseLedgerFilters(query: URLSearchParams): ParsedFilters {
  const kind = query.get("kind") || undefined;
  const status = query.get("status") || undefined;
  const unit = query.get("unit") || undefined;
  const overdue = query.get("overdue") || undefined;
  const area = query.get("area") || undefined;
  const from = query.get("from") || undefined;
  const to = query.get("to") || undefined;
  const page = query.get("page") || "1";
  if (kind && !CASE_KINDS.includes(kind as CaseKind)) return { ok: false, field: "kind", rule: "choice" };
  if (status && !CASE_STATUSES.includes(status as CaseStatus)) return { ok: false, field: "status", rule: "choice" };
  if (unit && !UNIT_PARAM.test(unit)) return { ok: false, field: "unit", rule: "choice" };
  if (area && !AREAS.includes(area as Area)) return { ok: false, field: "area", rule: "choice" };
  if (overdue && overdue !== "1") return { ok: false, field: "overdue", rule: "choice" };
  if (from && !isRealDate(from)) return { ok: false, field: "from", rule: "date" };
  if (to && !isRealDate(to)) return { ok: false, field: "to", rule: "date" };
  if (from && to && from > to) return { ok: false, field: "to", rule: "order" };
  if (!/^[1-9]\d{0,4}$/.test(page)) return { ok: false, field: "page", rule: "page" };
  return { ok: true, filters: { kind: kind as CaseKind | undefined, status: status as CaseStatus | undefined, unit, area: area as Area | undefined, from, to, overdue: overdue === "1", page: Number(page) } };
}

const owner = alias(specialists, "owner");

function ledgerQuery(handle: DbHandle, viewer: Viewer, f: LedgerFilters, now: number) {
  const where: (SQL | undefined)[] = [
    viewer.seesAll ? (f.unit ? eq(owner.unitId, f.unit) : undefined) : eq(owner.unitId, viewer.unitId),
    f.kind ? eq(cases.kind, f.kind) : undefined,
    f.status ? eq(cases.status, f.status) : undefined,
    f.overdue ? and(inArray(cases.status, [...OPEN_STATUSES]), lt(cases.resolutionDueAt, now)) : undefined,
    f.area ? eq(firms.areaCode, f.area) : undefined,
    f.from ? gte(cases.receivedAt, instantOfBeijing(f.from)) : undefined,
    f.to ? lt(cases.receivedAt, instantOfBeijing(addDays(f.to, 1))) : undefined,
  ];
  return handle.db
    .select({
      ref: cases.ref,
      kind: cases.kind,
      status: cases.status,
      receivedAt: cases.receivedAt,
      dueAt: cases.resolutionDueAt,
      firmZh: firms.nameZh,
      firmEn: firms.nameEn,
      ownerName: owner.name,
      unitZh: units.nameZh,
      unitEn: units.nameEn,
    })
    .from(cases)
    .innerJoin(firms, eq(firms.id, cases.firmId))
    .leftJoin(owner, eq(owner.id, cases.ownerId))
    .leftJoin(units, eq(units.id, owner.unitId))
    .where(and(...where))
    .orderBy(desc(cases.receivedAt), desc(cases.ref));
}

type Row = Awaited<ReturnType<ReturnType<typeof ledgerQuery>["all"]>>[number];

const isOverdue = (r: Row, now: number) => isOpen(r.status) && r.dueAt < now;

function query(f: LedgerFilters, changes: Record<string, string | number | undefined>): string {
  const merged = { kind: f.kind, status: f.status, unit: f.unit, area: f.area, from: f.from, to: f.to, overdue: f.overdue ? "1" : undefined, page: f.page === 1 ? undefined : f.page, ...changes };
  return queryOf(merged);
}

export async function ledgerPage(handle: DbHandle, viewer: Viewer, f: LedgerFilters, locale: Locale, now: number) {
  const unitChoices = viewer.seesAll ? handle.db.select({ id: units.id, zh: units.nameZh, en: units.nameEn }).from(units).orderBy(units.id) : undefined;
  const found = ledgerQuery(handle, viewer, f, now).limit(PAGE_SIZE + 1).offset((f.page - 1) * PAGE_SIZE);
  const [rows, unitRows] = unitChoices ? await handle.readBatch([found, unitChoices]) : [await found, []];
  const shown = rows.slice(0, PAGE_SIZE);
  const name = (zh: string | null, en: string | null) => (locale === "zh" ? (zh ?? en) : (en ?? zh)) ?? "—";
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}" ${selected ? raw("selected") : ""}>${label}</option>`;
  const select = (field: string, values: { value: string; label: string }[], current: string | undefined) =>
    html`<label>${t(locale, `web-filter-${field}`)}<select name="${field}">${option("", t(locale, "web-any"), !current)}${values.map((v) => option(v.value, v.label, v.value === current))}</select></label>`;
  return html`${signedInHeader(locale, viewer, "cases", query(f, { lang: locale === "zh" ? "en" : "zh" }))}
<h1>${t(locale, "web-title")} · ${t(locale, viewer.seesAll ? "web-scope-all" : "web-scope-unit")}</h1>
<form class="filters" method="get" action="/web/cases">
${select("kind", CASE_KINDS.map((k) => ({ value: k, label: t(locale, `kind-${k}`) })), f.kind)}
${select("status", CASE_STATUSES.map((s) => ({ value: s, label: t(locale, `status-${s}`) })), f.status)}
${viewer.seesAll ? select("unit", unitRows.map((u) => ({ value: u.id, label: name(u.zh, u.en) })), f.unit) : ""}
${select("area", AREAS.map((a) => ({ value: a, label: t(locale, `option-area-${a}`) })), f.area)}
<label>${t(locale, "web-filter-from")}<input type="date" name="from" value="${f.from ?? ""}"></label>
<label>${t(locale, "web-filter-to")}<input type="date" name="to" value="${f.to ?? ""}"></label>
<label><span><input type="checkbox" name="overdue" value="1" ${f.overdue ? raw("checked") : ""}> ${t(locale, "web-filter-overdue")}</span></label>
<button>${t(locale, "web-filter-apply")}</button> <a href="/web/cases.csv${query(f, { page: undefined })}">${t(locale, "web-csv")}</a>
</form>
${shown.length === 0
    ? html`<p>${t(locale, "web-empty")}</p>`
    : html`<table><thead><tr>${["ref", "kind", "status", "firm", "owner", "unit", "received", "due"].map((col) => html`<th>${t(locale, `web-col-${col}`)}</th>`)}</tr></thead><tbody>
${shown.map(
  (r) => html`<tr><td><a href="/web/cases/${r.ref}">${r.ref}</a></td><td>${t(locale, `kind-${r.kind}`)}</td><td>${t(locale, `status-${r.status}`)}${isOverdue(r, now) ? html` <span class="overdue">${t(locale, "web-overdue")}</span>` : ""}</td>
<td>${name(r.firmZh, r.firmEn)}</td><td>${r.ownerName ?? "—"}</td><td>${r.unitZh ? name(r.unitZh, r.unitEn) : "—"}</td><td>${beijingMinute(r.receivedAt)}</td><td>${beijingMinute(r.dueAt)}</td></tr>`,
)}</tbody></table>`}
<nav>${f.page > 1 ? html`<a rel="prev" href="${query(f, { page: f.page - 1 })}">${t(locale, "web-prev")}</a>` : ""}<span>${t(locale, "web-page", { page: f.page })}</span>${rows.length > PAGE_SIZE ? html`<a rel="next" href="${query(f, { page: f.page + 1 })}">${t(locale, "web-next")}</a>` : ""}</nav>`;
}

function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  // Quoted always; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
}

/**
 * UTF-8 with a BOM, so Excel opens the Chinese text correctly; CRLF line ends; both languages' names.
 * undefined when more than CSV_MAX_ROWS cases match: an export never drops rows silently.
 */
export async function ledgerCsv(handle: DbHandle, viewer: Viewer, f: LedgerFilters, now: number): Promise<string | undefined> {
  const rows = await ledgerQuery(handle, viewer, f, now).limit(CSV_MAX_ROWS + 1);
  if (rows.length > CSV_MAX_ROWS) return undefined;
  const header = t("zh", "web-csv-header").split(",");
  const lines = rows.map((r) =>
    [r.ref, r.kind, r.status, isOverdue(r, now) ? "1" : "0", r.firmZh, r.firmEn, r.ownerName, r.unitZh, beijingIso(r.receivedAt), beijingIso(r.dueAt)].map(csvField).join(","),
  );
  return `\uFEFF${[header.map(csvField).join(","), ...lines].join("\r\n")}\r\n`;
}

export const ledgerRoutes = new Hono<WebBindings>();

ledgerRoutes.use("/web/cases", requireViewer());
ledgerRoutes.use("/web/cases.csv", requireViewer());

ledgerRoutes.get("/web/cases", async (c) => {
  const locale = webLocale(c);
  const parsed = parseLedgerFilters(new URL(c.req.url).searchParams);
  if (!parsed.ok) return c.html(badFilterPage(locale, t(locale, "web-title"), parsed.field, parsed.rule), 400);
  return c.html(page(locale, t(locale, "web-title"), await ledgerPage(dbOf(c), c.get("viewer"), parsed.filters, locale, c.get("now")())));
});

ledgerRoutes.get("/web/cases.csv", async (c) => {
  const locale = webLocale(c);
  const parsed = parseLedgerFilters(new URL(c.req.url).searchParams);
  if (!parsed.ok) return c.html(badFilterPage(locale, t(locale, "web-title"), parsed.field, parsed.rule), 400);
  const csv = await ledgerCsv(dbOf(c), c.get("viewer"), parsed.filters, c.get("now")());
  if (csv === undefined) return c.html(errorPage(locale, t(locale, "web-title"), t(locale, "web-csv-too-many", { max: CSV_MAX_ROWS })), 413);
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="ledger.csv"');
  return c.body(csv);
});
