// Talking to the supervisors' web as a browser would: in-process, with the web Worker's settings.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { webApp } from "../../../workers/web/app.ts";

export const BASE = "http://desk.test";
/** The web Worker's own settings (workers/web/wrangler.toml); in production the bot's Worker forwards /web/* to it. */
const webEnv = {
  LIBSQL_URL: env.LIBSQL_URL,
  WEB_SESSION_SECRET: env.WEB_SESSION_SECRET,
  CHANNEL_CREDENTIALS_KEY: env.CHANNEL_CREDENTIALS_KEY,
  DINGTALK_API_ROOT: env.DINGTALK_API_ROOT,
  WECOM_API_ROOT: env.WECOM_API_ROOT,
};

function web(request: Request, settings: Record<string, string> = {}) {
  return webApp.fetch(request, { ...webEnv, ...settings });
}

/** A GET; `settings` add to the web Worker's (e.g. AI_FAKE_URL: the case page translates). */
export function get(path: string, cookie?: string, settings?: Record<string, string>) {
  return web(new Request(`${BASE}${path}`, { headers: cookie ? { cookie } : {} }), settings);
}

/** The CSRF token a signed-in page puts in its forms. */
export async function csrfOf(cookie: string): Promise<string> {
  const page = await (await get("/web/cases", cookie)).text();
  return /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
}

/**
 * A form POST (a FormData body goes as multipart, as a file upload does), from our origin unless
 * told; with a session cookie, it carries that session's CSRF token as the pages' forms do, unless
 * the form names its own `_csrf` (or null: none).
 */
export async function post(path: string, form: Record<string, string> | FormData, origin: string | null = BASE, cookie?: string, csrf?: string | null) {
  const headers: Record<string, string> = form instanceof FormData ? {} : { "content-type": "application/x-www-form-urlencoded" };
  if (origin) headers.origin = origin;
  if (cookie) headers.cookie = cookie;
  const token = csrf === undefined && cookie ? await csrfOf(cookie) : csrf;
  const body = form instanceof FormData ? form : new URLSearchParams(form);
  if (token) body.set("_csrf", token);
  return web(new Request(`${BASE}${path}`, { method: "POST", headers, body, redirect: "manual" }));
}

/** Asks the bot for a link, as the specialist does with /web, and returns its token. */
export async function signInToken(chat: { send(text: string): Promise<string[]> }): Promise<string> {
  const said = (await chat.send("/web")).join("\n");
  return /\/web\/sign-in\?t=([A-Za-z0-9_-]{43})/.exec(said)![1]!;
}

export async function signIn(chat: { send(text: string): Promise<string[]> }): Promise<string> {
  const response = await post("/web/sign-in", { t: await signInToken(chat) });
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("/web/cases");
  const cookie = response.headers.get("set-cookie")!;
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  expect(cookie).toMatch(/Secure/i);
  return cookie.split(";")[0]!;
}
