// The page shell of the supervisors' web: one stylesheet, the header with the viewer, the language
// switch and sign-out, and the sections they may use. No scripts (CSP forbids them), except the passkey
// pages' own one, allowed by its hash on those pages only.
import type { Context } from "hono";
import { html, raw } from "hono/html";
import { mayRecord } from "../../domain/recording.ts";
import type { SpecialistRole } from "../../domain/vocabulary.ts";
import { t, type Locale } from "./i18n.ts";

export interface Viewer {
  id: string;
  name: string;
  role: string;
  unitId: string;
  unitZh: string;
  unitEn: string;
  seesAll: boolean;
  /** The session's CSRF token, for the hidden field of every form that POSTs. */
  csrf: string;
}

export type Section = "cases" | "record" | "supervision" | "figures" | "claims" | "admin";

const STYLE = `body{margin:0;font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f4f6f8}
main{max-width:72rem;margin:0 auto;padding:1rem}h1{font-size:1.25rem}h2{font-size:1.05rem;margin-top:1.5rem}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #eee;font-size:.9rem}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin:0 0 1rem}label{display:flex;flex-direction:column;font-size:.85rem;color:#57606a}
.overdue,.error{color:#b42318;font-weight:600}.mt{white-space:pre-line;color:#57606a;margin-top:.25rem}.ok{color:#1a7f37}nav{display:flex;gap:1rem;margin:1rem 0;align-items:center}a{color:#1f6f8b}
header nav a[aria-current]{font-weight:700;color:#1f2328;text-decoration:none}.card{background:#fff;padding:1rem;margin:0 0 1rem;border-radius:6px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));gap:1rem;margin-top:1rem}.charts .card{margin:0}
tr.total td{font-weight:600;border-top:2px solid #d0d7de}textarea{width:100%;font-family:monospace}.added{color:#1a7f37}.removed{color:#b42318}.changed{color:#9a6700}
pre.document{white-space:pre-wrap;background:#fafafa;border:1px solid #d0d7de;padding:.75rem;font-family:"Songti SC","Noto Serif CJK SC",serif}dl.facts dd,.notice dd{margin:0 0 .4rem 1.5rem}`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

/** Headers for every page: nothing cached, nothing framed, no referrer, no script. */
export function secure(c: Context): void {
  c.header("Cache-Control", "no-store");
  c.header("Content-Security-Policy", CSP);
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Content-Type-Options", "nosniff");
}

/** The passkey pages' exception (passkey.ts): their one script, allowed by its hash, and its same-origin requests. */
export function allowScript(c: Context, hash: string): void {
  c.header("Content-Security-Policy", `${CSP}; script-src '${hash}'; connect-src 'self'`);
}

export function page(locale: Locale, title: string, body: unknown) {
  return html`<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${raw(STYLE)}</style></head><body><main>${body}</main></body></html>`;
}

/** The header of a signed-in page; `switchHref` keeps the page's own filters when the language changes. */
export function signedInHeader(locale: Locale, viewer: Viewer, current: Section, switchHref: string) {
  const sections: Section[] = ["cases", ...(mayRecord(viewer.role as SpecialistRole) ? (["record"] as const) : []), ...(viewer.seesAll ? (["supervision"] as const) : []), "figures", "claims", ...(viewer.role === "admin" ? (["admin"] as const) : [])];
  return html`<header><nav>${sections.map(
    (s) => html`<a href="/web/${s}" ${s === current ? raw('aria-current="page"') : ""}>${t(locale, `web-nav-${s}`)}</a>`,
  )}<span>${t(locale, "web-viewer", { name: viewer.name, unit: locale === "zh" ? viewer.unitZh : viewer.unitEn })}</span>
<a href="/web/passkeys">${t(locale, "passkey-add-title")}</a>
<a href="${switchHref}">${t(locale, "web-switch")}</a>
<form method="post" action="/web/sign-out">${csrfField(viewer)}<button>${t(locale, "web-sign-out")}</button></form></nav></header>`;
}

export const csrfField = (viewer: Viewer) => html`<input type="hidden" name="_csrf" value="${viewer.csrf}">`;

/** A page that only says what went wrong. */
export const errorPage = (locale: Locale, title: string, message: string) => page(locale, title, html`<p class="error">${message}</p>`);

/** A unit id as the ledger's and the figures' filters take it. */
export const UNIT_PARAM = /^[A-Za-z0-9_-]{1,64}$/;

/** A filter that cannot be used, named with its rule in the page's language. */
export const badFilterPage = (locale: Locale, title: string, field: string, rule: string) =>
  errorPage(locale, title, t(locale, "web-bad-filter", { field: t(locale, `web-filter-${field}`), rule: t(locale, `web-rule-${rule}`) }));

/** A query string from the given values, leaving out the empty ones. */
export function queryOf(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}
