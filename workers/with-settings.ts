// The first middleware of both Workers' apps: validated settings and the one clock of the request
// path, or a 500 that names each bad setting and its rule (never a value).
import type { MiddlewareHandler } from "hono";
import { ConfigError } from "../lib/settings.ts";
import { logError } from "../lib/log.ts";

export function withSettings<S>(read: (env: object) => S, now: () => number): MiddlewareHandler<{ Bindings: object; Variables: { settings: S; now: () => number } }> {
  return async (c, next) => {
    try {
      c.set("settings", read(c.env));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      logError("config_invalid", error);
      return c.json({ error: "configuration", issues: error.issues }, 500);
    }
    c.set("now", now);
    await next();
  };
}
