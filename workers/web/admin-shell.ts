// What every admin page shares: the admin-only gate, the sub-navigation, who is acting (for the
// audit trail), and problems shown in both languages, naming the field and the rule.
import type { Context } from "hono";
import { html } from "hono/html";
import { t, type Locale } from "./i18n.ts";
import { page, signedInHeader } from "./layout.ts";
import type { WebBindings } from "./session.ts";

export type AdminSection = "specialists" | "firms" | "channels" | "calendar" | "sla" | "outbox" | "audit";
const SECTIONS: AdminSection[] = ["specialists", "firms", "channels", "calendar", "sla", "outbox", "audit"];

/** A problem: the field's label key (web-field-*) and a rule key, each rendered in zh and en. */
export interface Problem {
  field: string;
  rule: string;
  args?: Record<string, string>;
  line?: number;
}

/** The audit trail's actor for an admin signed in to the web. */
export const actorOf = (c: Context<WebBindings>) => `web:${c.get("viewer").id}`;

export function problemsList(problems: Problem[]) {
  const one = (locale: Locale, p: Problem) =>
    `${p.line === undefined ? "" : `${t(locale, "admin-line", { line: p.line })} `}${t(locale, "web-bad-filter", { field: t(locale, `web-field-${p.field}`), rule: t(locale, p.rule, p.args) })}`;
  return html`<ul class="error">${problems.map((p) => html`<li>${one("zh", p)} / ${one("en", p)}</li>`)}</ul>`;
}

/** The confirmation after a change (?done=<what>, from the redirect that follows every POST). */
export const notice = (locale: Locale, value: string | undefined) =>
  value && /^[a-z-]{1,30}$/.test(value) ? html`<p class="ok">${t(locale, `admin-done-${value}`)}</p>` : "";

export function adminPage(c: Context<WebBindings>, locale: Locale, section: AdminSection, body: unknown, status: 200 | 400 | 404 = 200) {
  const title = t(locale, `admin-${section}`);
  return c.html(
    page(
      locale,
      title,
      html`${signedInHeader(locale, c.get("viewer"), "admin", `/web/admin/${section}?lang=${locale === "zh" ? "en" : "zh"}`)}
<nav class="sub">${SECTIONS.map((s) => (s === section ? html`<strong>${t(locale, `admin-${s}`)}</strong>` : html`<a href="/web/admin/${s}">${t(locale, `admin-${s}`)}</a>`))}</nav>
<h1>${title}</h1>${body}`,
    ),
    status,
  );
}
