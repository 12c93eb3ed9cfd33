// The Worker's settings, validated once per env object. A bad setting yields one clear error that
// names the setting and the rule, never its value.
// zod/mini: the same validation at a fifth of the bundle size of zod's chained API.
import * as z from "zod/mini";
import type { OutboxQueue } from "./outbox/queue.ts";

export interface Env {
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  TELEGRAM_API_ROOT?: string;
  TELEGRAM_BOT_USERNAME?: string;
  TELEGRAM_TIMEOUT_SECONDS?: string;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
  PUBLIC_BASE_URL?: string;
  ADMIN_API_TOKEN?: string;
  CASE_LINK_SECRET?: string;
  PORTAL_ORIGINS?: string;
  PORTAL_WEBHOOK_URL?: string;
  PORTAL_WEBHOOK_SECRET?: string;
  /** The supervisors' web Worker (workers/web/wrangler.toml), which serves /web/*. */
  WEB?: { fetch(request: Request): Promise<Response> };
  /** Optional Cloudflare Queue that spreads outbox sending over consumers. */
  OUTBOX_QUEUE?: OutboxQueue;
}

const httpUrl = () => z.string().check(z.regex(/^https?:\/\/[^\s/]+/, "must be an http(s) URL"));
const required = { error: "is required" };

export const SettingsSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string(required)
    .check(z.regex(/^\d{1,20}:[A-Za-z0-9_-]{20,}$/, "must look like <bot id>:<secret> as issued by @BotFather")),
  TELEGRAM_WEBHOOK_SECRET: z
    .string(required)
    .check(z.regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A–Z, a–z, 0–9, _ and -")),
  TELEGRAM_API_ROOT: z._default(httpUrl(), "https://api.telegram.org"),
  TELEGRAM_BOT_USERNAME: z._default(
    z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, "must be the bot's Telegram username without @")),
    "HainanInvestorDeskBot",
  ),
  /** A Bot API call that takes longer is abandoned (and an outbox row retried later), so a stalled Telegram cannot hold a request or a tick. */
  TELEGRAM_TIMEOUT_SECONDS: z._default(z.coerce.number().check(z.int("must be a whole number of seconds"), z.gte(1, "must be 1–60 seconds"), z.lte(60, "must be 1–60 seconds")), 10),
  LIBSQL_URL: z.string(required).check(z.regex(/^(https?|libsql|wss?):\/\//, "must be an http(s):// or libsql:// URL of the libSQL server")),
  LIBSQL_AUTH_TOKEN: z.optional(z.string().check(z.minLength(1))),
  PUBLIC_BASE_URL: z._default(httpUrl(), "http://127.0.0.1:8787"),
  ADMIN_API_TOKEN: z.optional(z.string().check(z.minLength(24, "must be at least 24 characters"))),
  CASE_LINK_SECRET: z.optional(z.string().check(z.minLength(32, "must be at least 32 characters"))),
  /** Origins allowed to frame the embeddable case page (CSP frame-ancestors), space-separated. */
  PORTAL_ORIGINS: z.optional(z.string().check(z.regex(/^(https:\/\/[A-Za-z0-9.-]+(:\d+)?)( https:\/\/[A-Za-z0-9.-]+(:\d+)?)*$/, "must be space-separated https:// origins"))),
  /** Where case status changes are POSTed, signed with PORTAL_WEBHOOK_SECRET (HMAC-SHA256); both or neither. */
  PORTAL_WEBHOOK_URL: z.optional(httpUrl()),
  PORTAL_WEBHOOK_SECRET: z.optional(z.string().check(z.minLength(32, "must be at least 32 characters"))),
});

export type Settings = z.infer<typeof SettingsSchema>;

export interface SettingIssue {
  setting: string;
  rule: string;
}

export class ConfigError extends Error {
  readonly issues: SettingIssue[];

  constructor(issues: SettingIssue[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.setting} ${i.rule}`).join("; ")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

const cache = new WeakMap<object, Settings | ConfigError>();

/** Validates the bindings; cached per env object because workerd hands the same object to every request of an isolate. */
export function settingsOf(env: Env): Settings {
  let parsed = cache.get(env);
  if (!parsed) {
    const result = SettingsSchema.safeParse(env);
    const issues = result.success ? [] : result.error.issues.map((i) => ({ setting: i.path.join(".") || "env", rule: i.message }));
    if (result.success && Boolean(result.data.PORTAL_WEBHOOK_URL) !== Boolean(result.data.PORTAL_WEBHOOK_SECRET)) {
      const missing = result.data.PORTAL_WEBHOOK_URL ? "PORTAL_WEBHOOK_SECRET" : "PORTAL_WEBHOOK_URL";
      issues.push({ setting: missing, rule: "is required when the other PORTAL_WEBHOOK_ setting is set" });
    }
    parsed = result.success && issues.length === 0 ? result.data : new ConfigError(issues);
    cache.set(env, parsed);
  }
  if (parsed instanceof ConfigError) throw parsed;
  return parsed;
}
