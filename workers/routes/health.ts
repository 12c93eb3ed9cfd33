import { Hono } from "hono/tiny";
import { openDb } from "../../db/client.ts";
import type { AppBindings } from "../app.ts";

export const healthRoutes = new Hono<AppBindings>();

healthRoutes.get("/healthz", async (c) => {
  const settings = c.get("settings");
  try {
    await openDb({ url: settings.LIBSQL_URL, authToken: settings.LIBSQL_AUTH_TOKEN }).client.execute("SELECT 1");
    return c.json({ ok: true, db: "up" });
  } catch {
    return c.json({ ok: false, db: "unreachable" }, 503);
  }
});
