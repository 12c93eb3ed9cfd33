// The bot Worker's settings and the reader both Workers validate theirs with, once per env object.
// A bad setting yields one clear error that names the setting and the rule, never its value.
// (The Worker's bindings, which are not settings, are typed in workers/env.ts.)
// valibot: one small function per rule, so a bundle carries only the rules it uses (zod/mini cost
// each Worker ~6 KiB gzip more for the same checks).
import * as v from "valibot";

const httpUrl = () => v.pipe(v.string(), v.regex(/^https?:\/\/[^\s/]+/, "must be an http(s) URL"));
const REQUIRED = "is required";
/** A whole number from an env string (or the fallback when unset), within min–max. */
const days = (min: number, max: number, rule: string, fallback: number) =>
  v.optional(v.pipe(v.unknown(), v.transform(Number), v.number(rule), v.integer(rule), v.minValue(min, rule), v.maxValue(max, rule)), fallback);

/** The settings both Workers (the bot's and the supervisors' web) read the same way. */
export const sharedSettings = {
  TELEGRAM_BOT_USERNAME: v.optional(
    v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, "must be the bot's Telegram username without @")),
    "HainanInvestorDeskBot",
  ),
  LIBSQL_URL: v.pipe(v.string(REQUIRED), v.regex(/^(https?|libsql):\/\//, "must be an http(s):// or libsql:// URL of the libSQL server")),
  LIBSQL_AUTH_TOKEN: v.optional(v.pipe(v.string(), v.minLength(1, "must not be empty (leave it unset instead)"))),
  /** Encrypts the group robots' credentials at rest (AES-GCM); without it no robot can be set or reached. */
  CHANNEL_CREDENTIALS_KEY: v.optional(v.pipe(v.string(), v.minLength(32, "must be at least 32 characters (e.g. openssl rand -base64 32)"))),
  /** The vendors' API roots: the defaults in production, the fakes locally and in tests. */
  DINGTALK_API_ROOT: v.optional(httpUrl(), "https://oapi.dingtalk.com"),
  WECOM_API_ROOT: v.optional(httpUrl(), "https://qyapi.weixin.qq.com"),
};

export const SettingsSchema = v.object({
  TELEGRAM_BOT_TOKEN: v.pipe(v.string(REQUIRED), v.regex(/^\d{1,20}:[A-Za-z0-9_-]{20,}$/, "must look like <bot id>:<secret> as issued by @BotFather")),
  TELEGRAM_WEBHOOK_SECRET: v.pipe(v.string(REQUIRED), v.regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A–Z, a–z, 0–9, _ and -")),
  TELEGRAM_API_ROOT: v.optional(httpUrl(), "https://api.telegram.org"),
  ...sharedSettings,
  /** A Bot API call that takes longer is abandoned (and an outbox row retried later), so a stalled Telegram cannot hold a request or a tick. */
  TELEGRAM_TIMEOUT_SECONDS: v.optional(
    v.pipe(v.unknown(), v.transform(Number), v.number("must be a whole number of seconds"), v.integer("must be a whole number of seconds"), v.minValue(1, "must be 1–60 seconds"), v.maxValue(60, "must be 1–60 seconds")),
    10,
  ),
  PUBLIC_BASE_URL: v.optional(httpUrl(), "http://127.0.0.1:8787"),
  ADMIN_API_TOKEN: v.optional(v.pipe(v.string(), v.minLength(24, "must be at least 24 characters"))),
  /** Signs the case links: a key of its own, so rotating the webhook secret breaks no link. */
  CASE_LINK_SECRET: v.pipe(
    v.string("is required: a random key of at least 32 characters that signs the case links (e.g. openssl rand -base64 32)"),
    v.minLength(32, "must be at least 32 characters"),
  ),
  /** The key before the last rotation: later updates of cases whose link it made repeat that link. */
  CASE_LINK_SECRET_PREVIOUS: v.optional(v.pipe(v.string(), v.minLength(1, "must not be empty (leave it unset instead)"))),
  /** Origins allowed to frame the embeddable case page (CSP frame-ancestors), space-separated. */
  PORTAL_ORIGINS: v.optional(v.pipe(v.string(), v.regex(/^(https:\/\/[A-Za-z0-9.-]+(:\d+)?)( https:\/\/[A-Za-z0-9.-]+(:\d+)?)*$/, "must be space-separated https:// origins"))),
  /** Where case status changes are POSTed, signed with PORTAL_WEBHOOK_SECRET (HMAC-SHA256); both or neither. */
  PORTAL_WEBHOOK_URL: v.optional(httpUrl()),
  PORTAL_WEBHOOK_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, "must be at least 32 characters"))),
  /** Sent outbox rows (who was told what, and the dedupe keys that keep it once) are purged after this many days. */
  OUTBOX_RETENTION_DAYS: days(1, 365, "must be 1–365 days", 30),
  /** Marks of processed updates are purged after this many days: Telegram redelivers an update for up to 24 hours and may reuse an update_id after a week. */
  PROCESSED_UPDATES_RETENTION_DAYS: days(2, 30, "must be 2–30 days: Telegram redelivers an update for up to 24 hours", 8),
  /** A stand-in for the Workers AI binding that answers over HTTP (the sandbox's and the tests' fake); used only without an AI binding. */
  AI_FAKE_URL: v.optional(httpUrl()),
  /** "1": a log line for every update and drain, not only the notable ones (lib/log.ts); for local debugging. */
  LOG_EVERY_UPDATE: v.optional(v.picklist(["0", "1"], "must be 0 or 1"), "0"),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

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

type SettingsSchemaOf<T> = v.GenericSchema<unknown, T> & { readonly entries: v.ObjectEntries };

/** valibot reports an unset setting with the object's message ("Invalid key…"): the setting's own rule says what it needs. */
function ruleOf(schema: { readonly entries: v.ObjectEntries }, issue: v.BaseIssue<unknown>): string {
  const entry = issue.type === "object" && issue.input === undefined ? schema.entries[v.getDotPath(issue) ?? ""] : undefined;
  const own = entry && v.safeParse(entry, undefined);
  return own && !own.success ? own.issues[0].message : issue.message;
}

/**
 * A reader of validated settings: `extra` adds checks across settings. The result is cached per env
 * object, because workerd hands the same object to every request of an isolate. A bad setting throws
 * a ConfigError naming each setting and its rule, never a value.
 */
export function settingsReader<T>(schema: SettingsSchemaOf<T>, extra: (settings: T) => SettingIssue[] = () => []): (env: object) => T {
  const cache = new WeakMap<object, T | ConfigError>();
  return (env) => {
    let parsed = cache.get(env);
    if (!parsed) {
      const result = v.safeParse(schema, env);
      const issues = result.success ? extra(result.output) : result.issues.map((i) => ({ setting: v.getDotPath(i) ?? "env", rule: ruleOf(schema, i) }));
      parsed = result.success && issues.length === 0 ? result.output : new ConfigError(issues);
      cache.set(env, parsed);
    }
    if (parsed instanceof ConfigError) throw parsed;
    return parsed;
  };
}

/** Portal webhooks need their URL and their secret: both or neither. */
function portalPair(settings: Pick<Settings, "PORTAL_WEBHOOK_URL" | "PORTAL_WEBHOOK_SECRET">): SettingIssue[] {
  if (Boolean(settings.PORTAL_WEBHOOK_URL) === Boolean(settings.PORTAL_WEBHOOK_SECRET)) return [];
  return [{ setting: settings.PORTAL_WEBHOOK_URL ? "PORTAL_WEBHOOK_SECRET" : "PORTAL_WEBHOOK_URL", rule: "is required when the other PORTAL_WEBHOOK_ setting is set" }];
}

/** A rotation needs two different keys. */
function linkKeys(settings: Pick<Settings, "CASE_LINK_SECRET" | "CASE_LINK_SECRET_PREVIOUS">): SettingIssue[] {
  if (settings.CASE_LINK_SECRET_PREVIOUS !== settings.CASE_LINK_SECRET) return [];
  return [{ setting: "CASE_LINK_SECRET_PREVIOUS", rule: "must differ from CASE_LINK_SECRET (it is the key before the rotation)" }];
}

export const settingsOf: (env: object) => Settings = settingsReader(SettingsSchema, (settings) => [...portalPair(settings), ...linkKeys(settings)]);

/**
 * The settings of the admin API, /api/* and the case page, which the web Worker serves: the bot's,
 * without its Telegram token and webhook secret (that Worker never talks to Telegram).
 */
// Pure: the bot's bundle, which imports this module but not these, leaves them out.
const ApiSettingsSchema = /* @__PURE__ */ v.omit(SettingsSchema, ["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"]);

export type ApiSettings = v.InferOutput<typeof ApiSettingsSchema>;

export const apiSettingsOf: (env: object) => ApiSettings = /* @__PURE__ */ settingsReader(ApiSettingsSchema, (settings) => [...portalPair(settings), ...linkKeys(settings)]);

/**
 * The jobs Worker's settings (the cron and the outbox Queue's consumer, workers/jobs/): the bot's, without
 * the webhook secret, the admin token and the portal's frame origins, which only requests it never serves use.
 */
// Pure, as above: the other Workers' bundles leave it out.
const JobsSettingsSchema = /* @__PURE__ */ v.omit(SettingsSchema, ["TELEGRAM_WEBHOOK_SECRET", "ADMIN_API_TOKEN", "PORTAL_ORIGINS"]);

export type JobsSettings = v.InferOutput<typeof JobsSettingsSchema>;

export const jobsSettingsOf: (env: object) => JobsSettings = /* @__PURE__ */ settingsReader(JobsSettingsSchema, (settings) => [...portalPair(settings), ...linkKeys(settings)]);
