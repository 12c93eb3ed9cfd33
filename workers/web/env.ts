// The supervisors' web Worker's settings, validated once per env object (see ../env.ts for the bot's).
import * as z from "zod/mini";

export interface WebEnv {
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  WEB_SESSION_SECRET?: string;
  TELEGRAM_BOT_USERNAME?: string;
}

const WebSettingsSchema = z.object({
  LIBSQL_URL: z.string({ error: "is required" }).check(z.regex(/^(https?|libsql|wss?):\/\//, "must be an http(s):// or libsql:// URL of the libSQL server")),
  LIBSQL_AUTH_TOKEN: z.optional(z.string().check(z.minLength(1))),
  /** Signs the session cookie. */
  WEB_SESSION_SECRET: z.string({ error: "is required" }).check(z.minLength(32, "must be at least 32 characters")),
  /** For the invite deep link shown to an admin. */
  TELEGRAM_BOT_USERNAME: z._default(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, "must be the bot's Telegram username without @")), "HainanInvestorDeskBot"),
});

export type WebSettings = z.infer<typeof WebSettingsSchema>;

const cache = new WeakMap<object, WebSettings | { issues: { setting: string; rule: string }[] }>();

/** The settings, or the list of bad ones (named, never their values). */
export function webSettingsOf(env: WebEnv): WebSettings | { issues: { setting: string; rule: string }[] } {
  let parsed = cache.get(env);
  if (!parsed) {
    const result = z.safeParse(WebSettingsSchema, env);
    parsed = result.success ? result.data : { issues: result.error.issues.map((i) => ({ setting: i.path.join(".") || "env", rule: i.message })) };
    cache.set(env, parsed);
  }
  return parsed;
}
