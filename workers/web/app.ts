// The supervisors' web as its own Worker, so the bot's Worker stays small: settings checked once
// per request, the CSRF check (Origin must be ours) on every POST, then the sections.
import { Hono } from "hono/tiny";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { logError } from "../log.ts";
import { webSettingsOf } from "./env.ts";
import { adminRoutes } from "./admin.ts";
import { figuresRoutes } from "./figures.ts";
import { ledgerRoutes } from "./ledger.ts";
import { secure } from "./layout.ts";
import { sessionRoutes, type WebBindings } from "./session.ts";

export function createWebApp(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const app = new Hono<WebBindings>();
  app.use(async (c, next) => {
    const settings = webSettingsOf(c.env);
    if ("issues" in settings) {
      logError("config_invalid", new Error(settings.issues.map((i) => `${i.setting} ${i.rule}`).join("; ")));
      return c.json({ error: "configuration", issues: settings.issues }, 500);
    }
    c.set("settings", settings);
    c.set("now", now);
    secure(c);
    await next();
  });
  app.use(csrf());
  app.get("/web", (c) => c.redirect("/web/cases", 303));
  app.route("/", sessionRoutes);
  app.route("/", ledgerRoutes);
  app.route("/", figuresRoutes);
  app.route("/", adminRoutes);
  app.notFound((c) => c.text("Not found", 404));
  app.onError((error, c) => {
    // Hono's own refusals (e.g. the CSRF check's 403) carry their response.
    if (error instanceof HTTPException) return error.getResponse();
    logError("web_request_failed", error, { path: new URL(c.req.url).pathname });
    return c.text("Internal error", 500);
  });
  return app;
}

export const webApp = createWebApp();
