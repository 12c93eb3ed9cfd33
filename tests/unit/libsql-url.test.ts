// The Workers speak Hrana over HTTP only (`@libsql/client/http`: the WebSocket client is not in the
// bundles), so a ws:// or wss:// LIBSQL_URL is refused when the settings are read, naming the rule.
import { describe, expect, it } from "vitest";
import { ConfigError, settingsOf } from "../../lib/settings.ts";
import { TEST_SETTINGS } from "../support/settings.ts";

const env = (url: string) => ({ ...TEST_SETTINGS, LIBSQL_URL: url, TELEGRAM_API_ROOT: "http://127.0.0.1:1", PORTAL_WEBHOOK_URL: "http://127.0.0.1:1/hooks" });

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
