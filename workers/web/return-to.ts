// After signing in, back to the page that asked for it: a specialist who opens a case's link from a
// DingTalk or WeCom group while signed out lands on that case once signed in. The page is kept in a
// short cookie (the Telegram sign-in link cannot carry it) or given as `next`; either is used only when
// it is a path of this site under /web/ — never another host (no open redirect).
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const COOKIE = "desk_next";
const MAX_LENGTH = 300;
const AFTER_SIGN_IN = "/web/cases";
/** An absolute path under /web/: no scheme, no host ("//…", "/\…"), nothing a browser would read as another origin. */
const WEB_PATH = /^\/web\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/;

/** `value` when it is a same-site path under /web/ (and no `..` climbs out of it), else undefined. */
export function webPath(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !WEB_PATH.test(value)) return undefined;
  const url = new URL(value, "https://desk.invalid");
  return url.origin === "https://desk.invalid" && url.pathname.startsWith("/web/") ? `${url.pathname}${url.search}` : undefined;
}

/** Remembers the page a signed-out visitor asked for (a GET), for the sign-in that follows. */
export function rememberPage(c: Context): void {
  const url = new URL(c.req.url);
  const path = c.req.method === "GET" ? webPath(`${url.pathname}${url.search}`) : undefined;
  if (path) setCookie(c, COOKIE, path, { httpOnly: true, secure: true, sameSite: "Lax", path: "/web", maxAge: 1800 });
}

/** Where a sign-in goes: the `next` it was given, else the remembered page, else the ledger; the memory is spent. */
export function pageAfterSignIn(c: Context, next: unknown): string {
  const remembered = getCookie(c, COOKIE);
  if (remembered !== undefined) deleteCookie(c, COOKIE, { path: "/web", secure: true });
  return webPath(next) ?? webPath(remembered) ?? AFTER_SIGN_IN;
}
