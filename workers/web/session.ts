// Signing in to the supervisors' web: a one-time link from the bot (/web), then a session in a
// signed, HttpOnly, SameSite=Strict cookie. Every request re-reads the specialist, so deactivating
// or re-inviting one (a new session generation) ends their session at once. Every form of a signed-in page carries a CSRF token bound to the
// session (on top of the Origin check in app.ts), and every POST is refused without it.
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono/tiny";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { html } from "hono/html";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { openDbFor, type DbHandle } from "../../db/client.ts";
import { specialists, units, webSignIns } from "../../db/schema.ts";
import { base64url, hmacSha256, sha256Hex } from "../../lib/crypto.ts";
import { localeOf } from "../locale.ts";
import { secretsMatch } from "../../lib/secret.ts";
import type { WebEnv, WebSettings } from "./env.ts";
import { t } from "./i18n.ts";
import { errorPage, page, type Viewer } from "./layout.ts";
import { pageAfterSignIn, rememberPage, webPath } from "./return-to.ts";

export interface WebBindings {
  Bindings: WebEnv;
  /** `generation`: the account's session generation the viewer signed in at. */
  Variables: { settings: WebSettings; now: () => number; viewer: Viewer; generation: number };
}

export const sessionRoutes = new Hono<WebBindings>();

const COOKIE = "desk_web";
const SESSION_MS = 8 * 3_600_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** The sign-in form holds one 43-character token: a larger body is refused before it is read or parsed. */
const SIGN_IN_MAX_BYTES = 1024;

export const dbOf = (c: Context<WebBindings>): DbHandle => openDbFor(c.get("settings"));

export const webLocale = (c: Context) => localeOf(c, "/web");

function refusal(c: Context<WebBindings>, key: string, status: 400 | 401 | 403 | 413) {
  const locale = webLocale(c);
  return c.html(errorPage(locale, t(locale, "web-title"), t(locale, key)), status);
}

sessionRoutes.get("/web/sign-in", (c) => {
  const locale = webLocale(c);
  const token = c.req.query("t") ?? "";
  if (!TOKEN.test(token)) return refusal(c, "web-signin-invalid", 400);
  const next = webPath(c.req.query("next"));
  // A GET only shows the button: link previews and scanners that fetch the link do not spend it.
  return c.html(
    page(
      locale,
      t(locale, "web-signin-title"),
      html`<h1>${t(locale, "web-signin-title")}</h1><form method="post" action="/web/sign-in"><input type="hidden" name="t" value="${token}">${next ? html`<input type="hidden" name="next" value="${next}">` : ""}<button>${t(locale, "web-signin-button")}</button></form>`,
    ),
  );
});

sessionRoutes.post("/web/sign-in", bodyLimit({ maxSize: SIGN_IN_MAX_BYTES, onError: (c) => refusal(c, "web-body-too-large", 413) }), async (c) => {
  const form = await c.req.parseBody();
  const token = String(form.t ?? "");
  const now = c.get("now")();
  let session: { specialistId: string; generation: number } | undefined;
  if (TOKEN.test(token)) {
    const { db } = dbOf(c);
    const tokenHash = await sha256Hex(token);
    // The session carries the account's generation as it is when the link is spent (same transaction).
    const [[spent], [account]] = await db.batch([
      db
        .update(webSignIns)
        .set({ usedAt: now })
        .where(and(eq(webSignIns.tokenHash, tokenHash), isNull(webSignIns.usedAt), gt(webSignIns.expiresAt, now)))
        .returning({ specialistId: webSignIns.specialistId }),
      db
        .select({ generation: specialists.sessionGeneration })
        .from(specialists)
        .where(sql`${specialists.id} = (SELECT specialist_id FROM web_sign_ins WHERE token_hash = ${tokenHash})`),
    ]);
    if (spent && account) session = { specialistId: spent.specialistId, generation: account.generation };
  }
  if (!session) return refusal(c, "web-signin-invalid", 401);
  await startSession(c, session.specialistId, session.generation);
  return c.redirect(pageAfterSignIn(c, form.next), 303);
});

/** Sets the session cookie (the bot's link and a passkey give the same): the account and its generation now. */
export async function startSession(c: Context<WebBindings>, specialistId: string, generation: number): Promise<void> {
  await setSignedCookie(c, COOKIE, `${specialistId}.${c.get("now")() + SESSION_MS}.${generation}`, c.get("settings").WEB_SESSION_SECRET, {
    httpOnly: true,
    secure: true,
    sameSite: "Strict",
    path: "/web",
    maxAge: SESSION_MS / 1000,
  });
}

/** The session's CSRF token: an HMAC of the signed cookie's value, so it dies with the session. */
const csrfToken = async (secret: string, session: string) => base64url(await hmacSha256(`csrf:${secret}`, session));

/** Signed out (or the session ended): the page asked for is remembered for the sign-in that follows. */
function signedOut(c: Context<WebBindings>) {
  rememberPage(c);
  return refusal(c, "web-signed-out", 401);
}

/** Lets the request through only for a signed-in, still active specialist (and only admins when `adminOnly`). */
export function requireViewer(options: { adminOnly?: boolean } = {}): MiddlewareHandler<WebBindings> {
  return async (c, next) => {
    const value = await getSignedCookie(c, c.get("settings").WEB_SESSION_SECRET, COOKIE);
    const [id, until, generation] = typeof value === "string" ? value.split(".") : [];
    if (!id || !(Number(until) > c.get("now")()) || !generation) return signedOut(c);
    const [row] = await dbOf(c)
      .db.select({ id: specialists.id, name: specialists.name, role: specialists.role, unitId: specialists.unitId, unitZh: units.nameZh, unitEn: units.nameEn })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(and(eq(specialists.id, id), eq(specialists.active, true), eq(specialists.sessionGeneration, Number(generation))));
    if (!row) return signedOut(c);
    if (options.adminOnly && row.role !== "admin") return refusal(c, "web-admin-only", 403);
    const csrf = await csrfToken(c.get("settings").WEB_SESSION_SECRET, value as string);
    if (c.req.method === "POST" && !(await secretsMatch(String((await c.req.parseBody())._csrf ?? ""), csrf))) return refusal(c, "web-csrf", 403);
    c.set("viewer", { ...row, seesAll: row.role === "bizenv" || row.role === "admin", csrf });
    c.set("generation", Number(generation));
    await next();
  };
}

sessionRoutes.post("/web/sign-out", requireViewer(), (c) => {
  deleteCookie(c, COOKIE, { path: "/web", secure: true });
  return c.redirect("/web/sign-in", 303);
});
