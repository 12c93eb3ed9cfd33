// The Hono app: settings validated once per request before any route runs.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { settingsOf, type Settings } from "../lib/settings.ts";
import type { Env } from "./env.ts";
import { healthRoutes } from "./routes/health.ts";
import { telegramRoutes } from "./routes/telegram.ts";
import { answerErrorsAsJson } from "./json-errors.ts";
import { withSettings } from "./with-settings.ts";
import { isApiPath } from "./api-paths.ts";

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
  // The supervisors' web is its own Worker (workers/web/); same hostname, so its cookie stays first-party.
  // It also serves the admin API, /api/* and the case page (workers/api-app.ts), so this Worker stays small.
  const toWeb = async (c: Context<AppBindings>) => (c.env.WEB ? await c.env.WEB.fetch(c.req.raw) : c.json({ error: "not_found" }, 404));
  app.all("/web/*", toWeb);
  app.all("*", (c, next) => (isApiPath(c.req.path) ? toWeb(c) : next()));
  answerErrorsAsJson(app);
  return app;
}

export const app = createApp();
