// The supervisors' web as its own Worker, so the bot's Worker stays small: settings checked once
// per request, the CSRF check (Origin must be ours) on every POST, then the sections.
import type { Context } from "hono";
import { Hono } from "hono/tiny";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { logError } from "../../lib/log.ts";
import { withSettings } from "../with-settings.ts";
import { webSettingsOf } from "./env.ts";
import { adminRoutes } from "./admin.ts";
import { caseRoutes } from "./case-actions.ts";
import { claimRoutes } from "./claims.ts";
import { figuresRoutes } from "./figures.ts";
import { ledgerRoutes } from "./ledger.ts";
import { passkeyRoutes } from "./passkey.ts";
import { recordRoutes } from "./record.ts";
import { supervisionRoutes } from "./supervision.ts";
import { t } from "./i18n.ts";
import { errorPage, secure } from "./layout.ts";
import { sessionRoutes, webLocale, type WebBindings } from "./session.ts";

export function createWebApp(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const app = new Hono<WebBindings>();
  app.use(withSettings(webSettingsOf, now), async (c, next) => {
    secure(c);
    await next();
  });
  app.use(csrf());
  app.get("/web", (c) => c.redirect("/web/cases", 303));
  // Before sessionRoutes: it answers the bare sign-in page and leaves the bot's links (?t=) to them.
  app.route("/", passkeyRoutes);
  app.route("/", sessionRoutes);
  app.route("/", ledgerRoutes);
  app.route("/", caseRoutes);
  app.route("/", recordRoutes);
  app.route("/", supervisionRoutes);
  app.route("/", figuresRoutes);
  app.route("/", claimRoutes);
  app.route("/", adminRoutes);
  const say = (c: Context, key: string, status: 404 | 500) => {
    const locale = webLocale(c);
    return c.html(errorPage(locale, t(locale, "web-title"), t(locale, key)), status);
  };
  app.notFound((c) => say(c, "web-not-found", 404));
  app.onError((error, c) => {
    // Hono's own refusals (e.g. the CSRF check's 403) carry their response.
    if (error instanceof HTTPException) return error.getResponse();
    logError("web_request_failed", error, { path: new URL(c.req.url).pathname });
    return say(c, "web-error", 500);
  });
  return app;
}

export const webApp = createWebApp();
