// Recording a case received outside the bot (12345, a service-hall counter, 企业码, a phone call):
// GET shows the form, POST checks it and records the case through the case module in one read
// and one write batch (bots/record-case.ts, shared with the chat's /record). Only specialists
// (unit heads among them) and the department's staff record; refusals name the field and the
// rule in both languages.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { html } from "hono/html";
import { eq, sql } from "drizzle-orm";
import { checkRecord, recordCaseWrites, type RecordFacts } from "../../bots/record-case.ts";
import { recordForm } from "../../bots/forms/record-form.ts";
import { AREAS } from "../../bots/forms/choices.ts";
import { CALENDAR_LOOKBACK_DAYS, CALENDAR_WINDOW_DAYS, calendarWindow, policyFor } from "../../db/queries/calendar.ts";
import { recordReads } from "../../db/queries/recording.ts";
import { cases } from "../../db/schema.ts";
import { addDays, beijingDate, makeCalendar } from "../../domain/calendar.ts";
import type { RuleContext } from "../../domain/case-rules.ts";
import { mayRecord, type Refusal } from "../../domain/recording.ts";
import { CASE_KINDS, FILED_KINDS, RECORDED_CHANNELS, type SpecialistRole } from "../../domain/vocabulary.ts";
import { t, type Locale } from "./i18n.ts";
import { csrfField, errorPage, page, signedInHeader, type Viewer } from "./layout.ts";
import { dbOf, requireViewer, webLocale, type WebBindings } from "./session.ts";

export const recordRoutes = new Hono<WebBindings>();
recordRoutes.use("/web/record", requireViewer());

type Form = Record<string, string>;

const FIELD_NAMES = recordForm.fields.map((f) => f.key);

/** A refusal in both languages: “field”: rule. */
function refusalText(refusal: Refusal): string {
  const line = (locale: Locale) => t(locale, "form-invalid", { field: t(locale, `field-${refusal.field}`), rule: t(locale, `rule-${refusal.code}`, refusal.args) });
  return `${line("zh")} / ${line("en")}`;
}

function select(locale: Locale, name: string, set: string, codes: readonly string[], chosen: string | undefined) {
  return html`<select name="${name}"><option value=""></option>${codes.map(
    (code) => html`<option value="${code}" ${code === chosen ? "selected" : ""}>${t(locale, `option-${set}-${code}`)}</option>`,
  )}</select>`;
}

function formPage(c: Context<WebBindings>, viewer: Viewer, form: Form, refusals: readonly Refusal[] = [], done?: unknown) {
  const locale = webLocale(c);
  const label = (name: string, control: unknown) => html`<label>${t(locale, `field-${name}`)} ${control}</label>`;
  const input = (name: string, attrs = "") => html`<input name="${name}" value="${form[name] ?? ""}" ${attrs}>`;
  return page(
    locale,
    t(locale, "web-record-title"),
    html`${signedInHeader(locale, viewer, "record", "/web/record?lang=" + (locale === "zh" ? "en" : "zh"))}
<h1>${t(locale, "web-record-title")}</h1>${done ?? ""}
${refusals.length ? html`<ul class="error" role="alert">${refusals.map((r) => html`<li data-field="${r.field}">${refusalText(r)}</li>`)}</ul>` : ""}
<form method="post" action="/web/record" class="card record">${csrfField(viewer)}
${label("channel", select(locale, "channel", "channel", RECORDED_CHANNELS, form.channel))}
${label("ticket_no", input("ticket_no"))}<p>${t(locale, "web-record-ticket-hint")}</p>
${label("received_at", input("received_at", 'placeholder="2026-03-02 09:30"'))}<p>${t(locale, "web-record-receipt-hint")}</p>
${label("firm_uscc", input("firm_uscc"))}
${label("firm_name", input("firm_name"))}${label("firm_area", select(locale, "firm_area", "area", AREAS, form.firm_area))}<p>${t(locale, "web-record-new-firm-hint")}</p>
${label("caller_name", input("caller_name"))}${label("caller_phone", input("caller_phone"))}
${label("case_kind", select(locale, "case_kind", "record-kind", FILED_KINDS, form.case_kind))}
${label("case_text", html`<textarea name="case_text" rows="6">${form.case_text ?? ""}</textarea>`)}
<button>${t(locale, "web-record-button")}</button></form>`,
  );
}

/** Only specialists (unit heads among them) and the department record; admins and anyone else are refused. */
function refused(c: Context<WebBindings>) {
  const locale = webLocale(c);
  return c.html(errorPage(locale, t(locale, "web-record-title"), `${t("zh", "record-not-staff")} / ${t("en", "record-not-staff")}`), 403);
}

recordRoutes.get("/web/record", (c) => {
  const viewer = c.get("viewer");
  if (!mayRecord(viewer.role as SpecialistRole)) return refused(c);
  return c.html(formPage(c, viewer, {}));
});

recordRoutes.post("/web/record", async (c) => {
  const viewer = c.get("viewer");
  if (!mayRecord(viewer.role as SpecialistRole)) return refused(c);
  const locale = webLocale(c);
  const settings = c.get("settings");
  // The case link is made with the bot's key; without it here the firm could not be given one.
  if (!settings.CASE_LINK_SECRET) return c.html(errorPage(locale, t(locale, "web-record-title"), t(locale, "web-record-no-key")), 500);
  const body = await c.req.parseBody();
  const form: Form = Object.fromEntries(FIELD_NAMES.map((name) => [name, String(body[name] ?? "")]));
  const now = c.get("now")();
  const handle = dbOf(c);
  const { db } = handle;
  const today = beijingDate(now);
  const uscc = form.firm_uscc!.trim().toUpperCase();
  const [firm, candidates, members, ticket, days, years, policies] = await handle.readBatch([
    ...recordReads(db, { uscc: sql`${uscc}`, area: sql`${form.firm_area!}`, ticket: sql`${form.ticket_no!.trim()}` }),
    ...calendarWindow(db, addDays(today, -CALENDAR_LOOKBACK_DAYS), addDays(today, CALENDAR_WINDOW_DAYS)),
  ]);
  const facts: RecordFacts = { firm: firm[0], candidates, members: members[0]?.n ?? 0, ticketTakenBy: ticket[0]?.ref };
  const checked = checkRecord(form, facts, now);
  if (!checked.ok) return c.html(formPage(c, viewer, form, checked.refusals), 400);
  const rules: RuleContext = {
    now,
    calendar: makeCalendar(days, years.map((y) => y.year)),
    policies: Object.fromEntries(CASE_KINDS.map((kind) => [kind, policyFor(kind, policies)])) as RuleContext["policies"],
  };
  const recorded = await recordCaseWrites(db, {
    settings: { CASE_LINK_SECRET: settings.CASE_LINK_SECRET, PUBLIC_BASE_URL: settings.PUBLIC_BASE_URL },
    rules,
    recorder: { id: viewer.id, name: viewer.name },
    record: checked.value,
    facts,
    now,
  });
  let ref: string | undefined;
  try {
    const results = await db.batch([...recorded.items, db.select({ ref: cases.ref }).from(cases).where(eq(cases.id, recorded.caseId))] as unknown as Parameters<typeof db.batch>[0]);
    ref = (results.at(-1) as { ref: string }[])[0]?.ref;
  } catch (error) {
    // Another record took the same ticket meanwhile (the unique index): said as the check says it.
    if (/UNIQUE constraint failed: cases\.ticket_no/.test(`${(error as Error)?.message} ${String((error as { cause?: unknown })?.cause ?? "")}`)) {
      return c.html(formPage(c, viewer, form, [{ field: "ticket_no", code: "ticket-taken", args: { ref: form.ticket_no! } }]), 409);
    }
    throw error;
  }
  if (!ref) throw new Error("the recorded case was not created");
  const done = html`<section class="card ok" role="status"><p>${t(locale, "web-record-done", { ref })} <a href="/web/cases/${ref}">${ref}</a></p>
<p>${recorded.firmTold ? t(locale, "web-record-firm-told") : html`${t(locale, "web-record-pass-link")} <code class="case-link">${recorded.link}</code>`}</p></section>`;
  return c.html(formPage(c, viewer, {}, [], done));
});
