// The admin pages (administrators only): specialists (invite, deactivate), firm ↔ specialist
// assignment, SLA policies and the audit trail. Each change goes through db/queries/admin.ts with its audit event;
// the calendar upload is admin-calendar.ts, undelivered messages admin-outbox.ts.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { html, raw } from "hono/html";
import { desc, eq } from "drizzle-orm";
import * as v from "valibot";
import { assignFirm, deactivateSpecialist, inviteSpecialist, updateSla } from "../../db/queries/admin.ts";
import { auditEvents, firms, slaPolicies, specialists, units } from "../../db/schema.ts";
import { CASE_KINDS, SPECIALIST_ROLES, type CaseKind } from "../../domain/vocabulary.ts";
import { beijingMinute } from "../../domain/calendar.ts";
import { normaliseUscc } from "../../domain/uscc.ts";
import { SLA_MAX, SlaBody, SpecialistBody } from "../admin-bodies.ts";
import { handOverNotices } from "../hand-over-notices.ts";
import { ruleKeys, type Issues } from "../rule-keys.ts";
import { actorOf, adminPage, notice, problemsList, type Problem } from "./admin-shell.ts";
import { calendarRoutes } from "./admin-calendar.ts";
import { outboxRoutes } from "./admin-outbox.ts";
import { channelRoutes } from "./admin-channels.ts";
import { t, type Locale } from "./i18n.ts";
import { csrfField } from "./layout.ts";
import { dbOf, requireViewer, webLocale, type WebBindings } from "./session.ts";

export const adminRoutes = new Hono<WebBindings>();
adminRoutes.use("/web/admin", requireViewer({ adminOnly: true }));
adminRoutes.use("/web/admin/*", requireViewer({ adminOnly: true }));
adminRoutes.get("/web/admin", (c) => c.redirect("/web/admin/specialists", 303));
adminRoutes.route("/", calendarRoutes);
adminRoutes.route("/", outboxRoutes);
adminRoutes.route("/", channelRoutes);

type Form = Record<string, string>;
const formOf = async (c: { req: { parseBody(): Promise<Record<string, unknown>> } }): Promise<Form> =>
  Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === "string" ? v.trim() : ""]));
/** Empty form fields are absent, not empty strings. */
const given = (form: Form) => Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ""));
const problemsOf = (issues: Issues): Problem[] => ruleKeys(issues).map(({ field, key }) => ({ field, rule: key }));
const done = (path: string, what: string) => `${path}?done=${what}`;
const input = (name: string, label: string, value = "", attrs = "") => html`<label>${label}<input name="${name}" value="${value}" ${raw(attrs)}></label>`;

async function specialistsPage(c: Context<WebBindings>, locale: Locale, extra: unknown = "", form: Form = {}, status: 200 | 400 = 200) {
  const handle = dbOf(c);
  const { db } = handle;
  const [people, unitRows] = await handle.readBatch([
    db.select({ s: specialists, unitZh: units.nameZh, unitEn: units.nameEn }).from(specialists).innerJoin(units, eq(units.id, specialists.unitId)).orderBy(specialists.unitId, specialists.id),
    db.select({ id: units.id, zh: units.nameZh, en: units.nameEn }).from(units).orderBy(units.id),
  ]);
  const me = c.get("viewer").id;
  const csrf = csrfField(c.get("viewer"));
  const rows = people.map(
    ({ s, unitZh, unitEn }) => html`<tr><td>${s.id}</td><td>${s.name}</td><td>${locale === "zh" ? unitZh : unitEn}</td><td>${t(locale, `admin-role-${s.role}`)}</td>
<td>${t(locale, s.telegramId === null ? "admin-not-joined" : "admin-joined")}</td><td>${t(locale, s.active ? "admin-active" : "admin-inactive")}</td>
<td>${s.active && s.id !== me ? html`<form method="post" action="/web/admin/specialists/${s.id}/deactivate">${csrf}<button>${t(locale, "admin-deactivate")}</button></form>` : ""}</td></tr>`,
  );
  return adminPage(
    c,
    locale,
    "specialists",
    html`${notice(locale, c.req.query("done"))}${extra}
<table><thead><tr>${["id", "name", "unit", "role", "joined", "active", ""].map((k) => html`<th>${k ? t(locale, `web-field-${k}`) : ""}</th>`)}</tr></thead><tbody>${rows}</tbody></table>
<h2>${t(locale, "admin-invite")}</h2>
<form class="filters" id="invite" method="post" action="/web/admin/specialists">${csrf}
${input("id", t(locale, "web-field-id"), form.id, 'required pattern="[a-z0-9][a-z0-9-]{1,39}"')}${input("name", t(locale, "web-field-name"), form.name, 'required maxlength="50"')}
<label>${t(locale, "web-field-unitId")}<select name="unitId">${unitRows.map((u) => html`<option value="${u.id}" ${u.id === form.unitId ? raw("selected") : ""}>${locale === "zh" ? u.zh : u.en}</option>`)}</select></label>
<label>${t(locale, "web-field-role")}<select name="role">${SPECIALIST_ROLES.map((r) => html`<option value="${r}" ${r === form.role ? raw("selected") : ""}>${t(locale, `admin-role-${r}`)}</option>`)}</select></label>
${input("areaCode", t(locale, "web-field-areaCode"), form.areaCode)}
<label><input type="checkbox" name="reactivate" value="1" ${form.reactivate === "1" ? raw("checked") : ""}>${t(locale, "admin-reactivate")}</label>
<button>${t(locale, "admin-invite-button")}</button></form>`,
    status,
  );
}

adminRoutes.get("/web/admin/specialists", (c) => specialistsPage(c, webLocale(c)));

adminRoutes.post("/web/admin/specialists", async (c) => {
  const locale = webLocale(c);
  const form = await formOf(c);
  const { reactivate, ...fields } = given(form);
  const parsed = v.safeParse(SpecialistBody, { ...fields, reactivate: reactivate === "1" });
  if (!parsed.success) return specialistsPage(c, locale, problemsList(problemsOf(parsed.issues)), form, 400);
  const invited = await inviteSpecialist(dbOf(c).db, parsed.output, c.get("now")(), actorOf(c));
  if (!invited.ok) {
    const problem = invited.reason === "no_unit" ? { field: "unitId", rule: "api-rule-invalid_value" } : { field: "reactivate", rule: "api-rule-inactive" };
    return specialistsPage(c, locale, problemsList([problem]), form, 400);
  }
  const bot = c.get("settings").TELEGRAM_BOT_USERNAME;
  // Shown once: only the code's hash is stored.
  return specialistsPage(
    c,
    locale,
    html`<p class="ok invite">${t(locale, "admin-invite-made", { id: parsed.output.id, code: invited.inviteCode, until: beijingMinute(invited.expiresAt), bot })}</p>`,
  );
});

adminRoutes.post("/web/admin/specialists/:id/deactivate", async (c) => {
  const locale = webLocale(c);
  const id = c.req.param("id");
  // An admin cannot lock themselves out.
  if (id === c.get("viewer").id) return specialistsPage(c, locale, problemsList([{ field: "id", rule: "admin-rule-self" }]), {}, 400);
  const found = await deactivateSpecialist(dbOf(c).db, id, c.get("now")(), actorOf(c), handOverNotices);
  return found ? c.redirect(done("/web/admin/specialists", "deactivated"), 303) : c.notFound();
});

async function firmsPage(c: Context<WebBindings>, locale: Locale, extra: unknown = "", form: Form = {}, status: 200 | 400 = 200) {
  const handle = dbOf(c);
  const { db } = handle;
  const [firmRows, people] = await handle.readBatch([
    db.select({ uscc: firms.uscc, zh: firms.nameZh, en: firms.nameEn, area: firms.areaCode, specialist: specialists.name }).from(firms).leftJoin(specialists, eq(specialists.id, firms.specialistId)).orderBy(desc(firms.createdAt)).limit(200),
    db.select({ id: specialists.id, name: specialists.name }).from(specialists).where(eq(specialists.active, true)).orderBy(specialists.id),
  ]);
  return adminPage(
    c,
    locale,
    "firms",
    html`${notice(locale, c.req.query("done"))}${extra}
<form class="filters" id="assign" method="post" action="/web/admin/firms">${csrfField(c.get("viewer"))}
${input("uscc", t(locale, "web-field-uscc"), form.uscc, 'required pattern="[0-9A-Za-z]{18}"')}
<label>${t(locale, "web-field-specialistId")}<select name="specialistId">${people.map((p) => html`<option value="${p.id}" ${p.id === form.specialistId ? raw("selected") : ""}>${p.name} (${p.id})</option>`)}</select></label>
<button>${t(locale, "admin-assign")}</button></form>
<table><thead><tr>${["uscc", "firm", "areaCode", "specialistId"].map((k) => html`<th>${t(locale, `web-field-${k}`)}</th>`)}</tr></thead>
<tbody>${firmRows.map((f) => html`<tr><td>${f.uscc}</td><td>${(locale === "zh" ? (f.zh ?? f.en) : (f.en ?? f.zh)) ?? "—"}</td><td>${f.area}</td><td>${f.specialist ?? "—"}</td></tr>`)}</tbody></table>`,
    status,
  );
}

adminRoutes.get("/web/admin/firms", (c) => firmsPage(c, webLocale(c)));

adminRoutes.post("/web/admin/firms", async (c) => {
  const locale = webLocale(c);
  const form = await formOf(c);
  const uscc = normaliseUscc(form.uscc ?? "");
  if (!/^[0-9A-Z]{18}$/.test(uscc)) return firmsPage(c, locale, problemsList([{ field: "uscc", rule: "api-rule-invalid_format" }]), form, 400);
  const assigned = await assignFirm(dbOf(c).db, uscc, form.specialistId ?? "", c.get("now")(), actorOf(c));
  if (!assigned) return firmsPage(c, locale, problemsList([{ field: "uscc", rule: "admin-rule-no-firm" }]), form, 400);
  return c.redirect(done("/web/admin/firms", "assigned"), 303);
});

async function slaPage(c: Context<WebBindings>, locale: Locale, extra: unknown = "", status: 200 | 400 = 200) {
  const stored = await dbOf(c).db.select().from(slaPolicies);
  const byKind = new Map(stored.map((p) => [p.kind, p]));
  // One form per kind; its inputs sit in table cells and join it through the form attribute.
  const number = (formId: string, name: string, value: number | null | undefined, max: number, required = true) =>
    html`<td><input form="${formId}" type="number" name="${name}" value="${value ?? ""}" min="1" max="${max}" ${required ? raw("required") : ""}></td>`;
  return adminPage(
    c,
    locale,
    "sla",
    html`${notice(locale, c.req.query("done"))}${extra}<p>${t(locale, "admin-sla-note")}</p>
<table><thead><tr>${["kind", "firstResponseWorkingDays", "firstResponseHours", "resolutionWorkingDays", ""].map((k) => html`<th>${k ? t(locale, `web-field-${k}`) : ""}</th>`)}</tr></thead><tbody>
${CASE_KINDS.map((kind) => {
  const p = byKind.get(kind);
  const formId = `sla-${kind}`;
  return html`<tr><td>${t(locale, `kind-${kind}`)}<form id="${formId}" method="post" action="/web/admin/sla/${kind}">${csrfField(c.get("viewer"))}</form></td>
${number(formId, "firstResponseWorkingDays", p?.firstResponseWorkingDays, SLA_MAX.firstResponseWorkingDays)}${number(formId, "firstResponseHours", p?.firstResponseHours, SLA_MAX.firstResponseHours, false)}
${number(formId, "resolutionWorkingDays", p?.resolutionWorkingDays, SLA_MAX.resolutionWorkingDays)}
<td><button form="${formId}">${t(locale, "admin-save")}</button></td></tr>`;
})}</tbody></table>`,
    status,
  );
}

adminRoutes.get("/web/admin/sla", (c) => slaPage(c, webLocale(c)));

adminRoutes.post("/web/admin/sla/:kind", async (c) => {
  const locale = webLocale(c);
  const kind = c.req.param("kind") as CaseKind;
  if (!CASE_KINDS.includes(kind)) return c.notFound();
  const form = await formOf(c);
  const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));
  const parsed = v.safeParse(SlaBody, {
    firstResponseWorkingDays: num(form.firstResponseWorkingDays),
    firstResponseHours: num(form.firstResponseHours) ?? null,
    resolutionWorkingDays: num(form.resolutionWorkingDays),
  });
  if (!parsed.success) return slaPage(c, locale, problemsList(problemsOf(parsed.issues)), 400);
  await updateSla(dbOf(c).db, kind, parsed.output, c.get("now")(), actorOf(c));
  return c.redirect(done("/web/admin/sla", "saved"), 303);
});

/** The latest admin actions, from the API and from these pages: who, what, on what, when. */
adminRoutes.get("/web/admin/audit", async (c) => {
  const locale = webLocale(c);
  const events = await dbOf(c).db.select({ at: auditEvents.at, actor: auditEvents.actor, action: auditEvents.action, target: auditEvents.target }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(200);
  return adminPage(
    c,
    locale,
    "audit",
    html`<table class="audit"><thead><tr>${["at", "actor", "action", "target"].map((k) => html`<th>${t(locale, `web-field-${k}`)}</th>`)}</tr></thead>
<tbody>${events.map((e) => html`<tr><td>${beijingMinute(e.at)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.target ?? ""}</td></tr>`)}</tbody></table>`,
  );
});
