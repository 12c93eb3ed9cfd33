// The Hono app: settings validated once per request before any route runs.
import { Hono } from "hono/tiny";
import { HTTPException } from "hono/http-exception";
import { settingsOf, type Settings } from "../lib/settings.ts";
import type { Env } from "./env.ts";
import { logError } from "../lib/log.ts";
import { adminRoutes } from "./routes/admin.ts";
import { apiRoutes } from "./routes/api.ts";
import { casePageRoutes } from "./routes/case-page.ts";
import { healthRoutes } from "./routes/health.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { telegramRoutes } from "./routes/telegram.ts";
import { withSettings } from "./with-settings.ts";

export interface AppBindings {
  Bindings: Env;
  Variables: { settings: Settings; now: () => number };
}

/** The one clock of the request path; tests replace it through the app's `now` option. */
export function createApp(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const app = new Hono<AppBindings>();
  app.use(withSettings(settingsOf, now));
  app.route("/", healthRoutes);
  app.route("/", telegramRoutes);
  app.route("/", apiRoutes);
  app.route("/", casePageRoutes);
  app.route("/", openApiRoutes);
  app.route("/", adminRoutes);
  // The supervisors' web is its own Worker (workers/web/); same hostname, so its cookie stays first-party.
  app.all("/web/*", async (c) => (c.env.WEB ? await c.env.WEB.fetch(c.req.raw) : c.json({ error: "not_found" }, 404)));
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((error, c) => {
    // Hono's own refusals (e.g. the CSRF check's 403) carry their response.
    if (error instanceof HTTPException) return error.getResponse();
    logError("request_failed", error, { path: new URL(c.req.url).pathname });
    return c.json({ error: "internal" }, 500);
  });
  return app;
}

export const app = createApp();
