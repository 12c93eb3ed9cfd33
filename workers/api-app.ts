// The admin API, /api/* (the portal's JSON and its OpenAPI document) and the public case page /s/<token>:
// served by the web Worker (workers/web/index.ts), which the bot's Worker forwards these paths to, so the
// bot's Worker keeps only the webhook, the cron and the queue within its size budget. Its settings are
// the bot's without the Telegram token and webhook secret.
import { Hono } from "hono/tiny";
import { apiSettingsOf, type ApiSettings } from "../lib/settings.ts";
import { adminRoutes } from "./routes/admin.ts";
import { apiRoutes } from "./routes/api.ts";
import { casePageRoutes } from "./routes/case-page.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { answerErrorsAsJson } from "./json-errors.ts";
import { withSettings } from "./with-settings.ts";

export interface ApiBindings {
  Bindings: object;
  Variables: { settings: ApiSettings; now: () => number };
}

/** The one clock of the request path; tests replace it through the `now` option. */
export function createApiApp(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const app = new Hono<ApiBindings>();
  app.use(withSettings(apiSettingsOf, now));
  app.route("/", apiRoutes);
  app.route("/", casePageRoutes);
  app.route("/", openApiRoutes);
  app.route("/", adminRoutes);
  answerErrorsAsJson(app);
  return app;
}

export const apiApp = createApiApp();
