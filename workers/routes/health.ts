import { Hono } from "hono/tiny";
import { openDbFor } from "../../db/client.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { edgeCache } from "../edge-cache.ts";
import type { AppBindings } from "../app.ts";

export const healthRoutes = new Hono<AppBindings>();

/** The database's status as seen here in the last few seconds: a flood of checks costs it one query per TTL. */
const HEALTH_TTL_SECONDS = 5;

healthRoutes.get(
  "/healthz",
  // Per database: another LIBSQL_URL (a redeploy, a test's broken one) is checked afresh.
  edgeCache(HEALTH_TTL_SECONDS, async (c) => `healthz/${await sha256Hex(c.get("settings").LIBSQL_URL)}`),
  async (c) => {
    const settings = c.get("settings");
    try {
      await openDbFor(settings).client.execute("SELECT 1");
      return c.json({ ok: true, db: "up" });
    } catch {
      return c.json({ ok: false, db: "unreachable" }, 503);
    }
  },
);
