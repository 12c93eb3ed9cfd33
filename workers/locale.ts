// The reader's language for server-rendered pages (the case page and the supervisors' web).
import type { Context } from "hono";
import type { Locale } from "../domain/vocabulary.ts";

/** ?lang=, the cookie, or the browser's preference; Chinese by default. */
export function readLocale(c: Context): Locale {
  const asked = c.req.query("lang");
  if (asked === "zh" || asked === "en") return asked;
  const cookie = /(?:^|;\s*)lang=(zh|en)/.exec(c.req.header("cookie") ?? "")?.[1];
  if (cookie === "zh" || cookie === "en") return cookie;
  return /^zh|,\s*zh/i.test(c.req.header("accept-language") ?? "zh") ? "zh" : "en";
}

/** A language asked with ?lang= is remembered in a cookie for `path`. */
export function rememberLocale(c: Context, path: string): void {
  const asked = c.req.query("lang");
  if (asked === "zh" || asked === "en") c.header("Set-Cookie", `lang=${asked}; Path=${path}; Max-Age=31536000; SameSite=Lax; Secure; HttpOnly`, { append: true });
}

/** The reader's language, remembering one asked with ?lang=. */
export function localeOf(c: Context, path: string): Locale {
  rememberLocale(c, path);
  return readLocale(c);
}
