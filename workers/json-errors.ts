// The JSON apps' last word (the bot's and the API's): a 404 for an unknown path, Hono's own
// refusals as they are, and a logged 500 that says nothing of the cause.
import type { Env } from "hono";
import type { Hono } from "hono/tiny";
import { HTTPException } from "hono/http-exception";
import { logError } from "../lib/log.ts";

export function answerErrorsAsJson<E extends Env>(app: Hono<E>): void {
  app.notFound((c) => c.json({ error: "not_found" }, 404));
  app.onError((error, c) => {
    // Hono's own refusals (e.g. the CSRF check's 403) carry their response.
    if (error instanceof HTTPException) return error.getResponse();
    logError("request_failed", error, { path: new URL(c.req.url).pathname });
    return c.json({ error: "internal" }, 500);
  });
}
