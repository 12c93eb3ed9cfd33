// Reading the settings: an unset or bad one is named with its own rule, never its value.
import { describe, expect, it } from "vitest";
import { ConfigError, settingsOf } from "../../lib/settings.ts";
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
