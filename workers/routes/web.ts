// The supervisors' web: sign-in by a one-time link from the bot (/web), a session in a signed,
// HttpOnly, SameSite=Strict cookie, and the case ledger (台账) with filters, paging and CSV.
// Specialists and unit heads see the cases owned in their unit; the business-environment
// department and admins see all. Every POST passes Hono's CSRF check (Origin must be ours).
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { html } from "hono/html";
import { and, eq, gt, isNull } from "drizzle-orm";
import { t, type Locale } from "../../bots/i18n.ts";
import { openDb } from "../../db/client.ts";
import { specialists, units, webSignIns } from "../../db/schema.ts";
import { sha256Hex } from "../../db/queries/specialists.ts";
import type { AppBindings } from "../app.ts";
import type { Settings } from "../env.ts";
import { localeOf } from "./case-page.ts";
import { ledgerCsv, ledgerPage, parseLedgerFilters, type Viewer } from "../web/ledger.ts";

type WebBindings = AppBindings & { Variables: AppBindings["Variables"] & { viewer: Viewer } };

export const webRoutes = new Hono<WebBindings>();

const COOKIE = "desk_web";
const SESSION_MS = 8 * 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Domain-separated from the case links' key. */
const sessionSecret = (settings: Settings) => `web-session:${settings.CASE_LINK_SECRET ?? settings.TELEGRAM_WEBHOOK_SECRET}`;

function page(locale: Locale, title: string, body: unknown) {
  return html`<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>
  body { margin: 0; font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2328; background: #f4f6f8; }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem; } h1 { font-size: 1.25rem; }
  table { width: 100%; border-collapse: collapse; background: #fff; } th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #eee; font-size: .9rem; }
  form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: 0 0 1rem; } label { display: flex; flex-direction: column; font-size: .85rem; color: #57606a; }
  .overdue { color: #b42318; font-weight: 600; } .error { color: #b42318; } nav { display: flex; gap: 1rem; margin: 1rem 0; } a { color: #1f6f8b; }
</style></head><body><main>${body}</main></body></html>`;
}

function secure(c: Context<WebBindings>) {
  c.header("Cache-Control", "no-store");
  c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  c.header("Referrer-Policy", "no-referrer");
}

webRoutes.use("/web/*", csrf(), async (c, next) => {
  secure(c);
  await next();
});

webRoutes.get("/web/sign-in", (c) => {
  const locale = localeOf(c, "/web");
  const token = c.req.query("t") ?? "";
  if (!TOKEN.test(token)) return c.html(page(locale, t(locale, "web-signin-title"), html`<p class="error">${t(locale, "web-signin-invalid")}</p>`), 400);
  // A GET only shows the button: link previews and scanners that fetch the link do not spend it.
  return c.html(
    page(
      locale,
      t(locale, "web-signin-title"),
      html`<h1>${t(locale, "web-signin-title")}</h1><form method="post" action="/web/sign-in"><input type="hidden" name="t" value="${token}"><button>${t(locale, "web-signin-button")}</button></form>`,
    ),
  );
});

webRoutes.post("/web/sign-in", async (c) => {
  const locale = localeOf(c, "/web");
  const token = String((await c.req.parseBody()).t ?? "");
  const settings = c.get("settings");
  const now = c.get("now")();
  let specialistId: string | undefined;
  if (TOKEN.test(token)) {
    const { db } = openDb({ url: settings.LIBSQL_URL, authToken: settings.LIBSQL_AUTH_TOKEN });
    const [spent] = await db
      .update(webSignIns)
      .set({ usedAt: now })
      .where(and(eq(webSignIns.tokenHash, await sha256Hex(token)), isNull(webSignIns.usedAt), gt(webSignIns.expiresAt, now)))
      .returning({ specialistId: webSignIns.specialistId });
    specialistId = spent?.specialistId;
  }
  if (!specialistId) return c.html(page(locale, t(locale, "web-signin-title"), html`<p class="error">${t(locale, "web-signin-invalid")}</p>`), 401);
  await setSignedCookie(c, COOKIE, `${specialistId}.${now + SESSION_MS}`, sessionSecret(settings), {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/web",
    maxAge: SESSION_MS / 1000,
  });
  return c.redirect("/web/cases", 303);
});

webRoutes.post("/web/sign-out", (c) => {
  deleteCookie(c, COOKIE, { path: "/web", secure: true });
  return c.redirect("/web/sign-in", 303);
});

/** The signed-in, still active specialist, or a 401 page. */
webRoutes.use("/web/cases*", async (c, next) => {
  const locale = localeOf(c, "/web");
  const settings = c.get("settings");
  const value = await getSignedCookie(c, sessionSecret(settings), COOKIE);
  const [id, until] = typeof value === "string" ? value.split(".") : [];
  const now = c.get("now")();
  if (id && Number(until) > now) {
    const { db } = openDb({ url: settings.LIBSQL_URL, authToken: settings.LIBSQL_AUTH_TOKEN });
    const [row] = await db
      .select({ id: specialists.id, name: specialists.name, role: specialists.role, unitId: specialists.unitId, unitZh: units.nameZh, unitEn: units.nameEn })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(and(eq(specialists.id, id), eq(specialists.active, true)));
    if (row) {
      c.set("viewer", { ...row, seesAll: row.role === "bizenv" || row.role === "admin" });
      return next();
    }
  }
  return c.html(page(locale, t(locale, "web-title"), html`<p class="error">${t(locale, "web-signed-out")}</p>`), 401);
});

webRoutes.get("/web/cases", async (c) => {
  const locale = localeOf(c, "/web");
  const parsed = parseLedgerFilters(new URL(c.req.url).searchParams);
  if (!parsed.ok) {
    const message = t(locale, "web-bad-filter", { field: t(locale, `web-filter-${parsed.field}`), rule: t(locale, `web-rule-${parsed.rule}`) });
    return c.html(page(locale, t(locale, "web-title"), html`<p class="error">${message}</p>`), 400);
  }
  const settings = c.get("settings");
  const body = await ledgerPage(openDb({ url: settings.LIBSQL_URL, authToken: settings.LIBSQL_AUTH_TOKEN }), c.get("viewer"), parsed.filters, locale, c.get("now")());
  return c.html(page(locale, t(locale, "web-title"), body));
});

webRoutes.get("/web/cases.csv", async (c) => {
  const parsed = parseLedgerFilters(new URL(c.req.url).searchParams);
  if (!parsed.ok) return c.text(`${parsed.field}: ${parsed.rule}`, 400);
  const settings = c.get("settings");
  const csv = await ledgerCsv(openDb({ url: settings.LIBSQL_URL, authToken: settings.LIBSQL_AUTH_TOKEN }), c.get("viewer"), parsed.filters, c.get("now")());
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="ledger.csv"');
  return c.body(csv);
});
