import { Hono } from "hono/tiny";
import { openDbFor } from "../../db/client.ts";
import type { AppBindings } from "../app.ts";

export const healthRoutes = new Hono<AppBindings>();

healthRoutes.get("/healthz", async (c) => {
  const settings = c.get("settings");
  try {
    await openDbFor(settings).client.execute("SELECT 1");
    return c.json({ ok: true, db: "up" });
  } catch {
    return c.json({ ok: false, db: "unreachable" }, 503);
  }
});
