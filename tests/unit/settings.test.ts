// Reading the settings: an unset or bad one is named with its own rule, never its value.
import { describe, expect, it } from "vitest";
import { ConfigError, jobsSettingsOf, settingsOf } from "../../lib/settings.ts";
import { TEST_SETTINGS } from "../support/settings.ts";

const env = (url: string) => ({ ...TEST_SETTINGS, LIBSQL_URL: url, TELEGRAM_API_ROOT: "http://127.0.0.1:1", PORTAL_WEBHOOK_URL: "http://127.0.0.1:1/hooks" });

describe("an unset setting", () => {
  it.each([
    ["LIBSQL_URL", "is required"],
    ["CASE_LINK_SECRET", "is required: a random key of at least 32 characters that signs the case links (e.g. openssl rand -base64 32)"],
  ])("%s is named with its own rule", (setting, rule) => {
    const { [setting as keyof typeof TEST_SETTINGS]: _unset, ...rest } = env("http://127.0.0.1:8080");
    try {
      settingsOf({ ...rest });
      expect.unreachable("the settings were accepted");
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([{ setting, rule }]);
    }
  });
});

// The Workers speak Hrana over HTTP only (`@libsql/client/http`: the WebSocket client is not in the
// bundles), so a ws:// or wss:// LIBSQL_URL is refused when the settings are read, naming the rule.
describe("LIBSQL_URL", () => {
  it.each(["libsql://desk.turso.io", "https://desk.turso.io", "http://127.0.0.1:8080"])("accepts %s", (url) => {
    expect(settingsOf(env(url)).LIBSQL_URL).toBe(url);
  });

  it.each(["wss://desk.turso.io", "ws://127.0.0.1:8080"])("refuses %s, naming the setting and its rule", (url) => {
    const read = () => settingsOf(env(url));
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/LIBSQL_URL must be an http\(s\):\/\/ or libsql:\/\/ URL/);
  });
});

// The jobs Worker (cron and queue consumer) holds the bot's sending settings, not the secrets of requests it never serves.
describe("the jobs Worker's settings", () => {
  const { TELEGRAM_WEBHOOK_SECRET: _secret, ADMIN_API_TOKEN: _token, ...jobsEnv } = env("http://127.0.0.1:8080");

  it("need no webhook secret and no admin token, and keep neither when given", () => {
    expect(jobsSettingsOf(jobsEnv).TELEGRAM_BOT_TOKEN).toBe(TEST_SETTINGS.TELEGRAM_BOT_TOKEN);
    const given = jobsSettingsOf({ ...env("http://127.0.0.1:8080") });
    expect(given).not.toHaveProperty("TELEGRAM_WEBHOOK_SECRET");
    expect(given).not.toHaveProperty("ADMIN_API_TOKEN");
  });

  it.each([
    ["TELEGRAM_BOT_TOKEN", "is required"],
    ["CASE_LINK_SECRET", "is required: a random key of at least 32 characters that signs the case links (e.g. openssl rand -base64 32)"],
  ])("name an unset %s with its own rule", (setting, rule) => {
    const { [setting as keyof typeof jobsEnv]: _unset, ...rest } = jobsEnv;
    expect(() => jobsSettingsOf({ ...rest })).toThrow(ConfigError);
    try {
      jobsSettingsOf({ ...rest });
    } catch (error) {
      expect((error as ConfigError).issues).toEqual([{ setting, rule }]);
    }
  });

  it("check the portal's pair as the bot's do", () => {
    expect(() => jobsSettingsOf({ ...jobsEnv, PORTAL_WEBHOOK_SECRET: undefined })).toThrow(/PORTAL_WEBHOOK_SECRET is required when the other PORTAL_WEBHOOK_ setting is set/);
  });
});
