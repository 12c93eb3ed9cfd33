// POST /telegram/webhook: Telegram's updates. Secret checked in constant time before anything is
// read; 5xx only when the update could not be stored, so Telegram redelivers exactly then.
import { Hono } from "hono/tiny";
import { bodyLimit } from "hono/body-limit";
import * as v from "valibot";
import type { Update } from "grammy/types";
import { releaseKeptReplies } from "../../db/queries/kept-replies.ts";
import { handleUpdate, RetryLater, updateKind } from "../handle-update.ts";
import type { AppBindings } from "../app.ts";
import { logEvent, SLOW_UPDATE_MS } from "../../lib/log.ts";
import { afterUpdate, drainAfterUpdate } from "../outbox/drain.ts";
import { translatorOf } from "../translator.ts";
import { secretsMatch } from "../../lib/secret.ts";

const MAX_UPDATE_BYTES = 1024 * 1024;

const UpdateShape = v.looseObject({ update_id: v.pipe(v.number(), v.safeInteger(), v.minValue(0)) });

export const telegramRoutes = new Hono<AppBindings>();

telegramRoutes.post(
  "/telegram/webhook",
  async (c, next) => {
    const presented = c.req.header("X-Telegram-Bot-Api-Secret-Token");
    if (!(await secretsMatch(presented, c.get("settings").TELEGRAM_WEBHOOK_SECRET))) {
      return c.json({ error: "unauthorized", detail: "X-Telegram-Bot-Api-Secret-Token is missing or wrong" }, 401);
    }
    await next();
  },
  bodyLimit({
    maxSize: MAX_UPDATE_BYTES,
    onError: (c) => c.json({ error: "payload_too_large", detail: "an update may be at most 1 MB" }, 413),
  }),
  async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "bad_request", detail: "body must be a JSON Telegram Update" }, 400);
    }
    const shape = v.safeParse(UpdateShape, body);
    if (!shape.success) {
      return c.json({ error: "bad_request", detail: "update_id must be a non-negative integer" }, 400);
    }
    const update = shape.output as unknown as Update;
    const started = Date.now();
    try {
      const report = await handleUpdate(update, c.get("settings"), c.get("now")());
      const ms = Date.now() - started;
      const routine = report.outcome === "processed" && report.roundTrips <= 2 && ms < SLOW_UPDATE_MS;
      if (!routine || c.get("settings").LOG_EVERY_UPDATE === "1") {
        logEvent("update", { update_id: update.update_id, kind: report.kind, outcome: report.outcome, ms, db_round_trips: report.roundTrips, replies: report.replies });
      }
      const settings = c.get("settings");
      const sentReplies = report.keptReplies ? update.update_id : undefined;
      // The drain sends what the commit claimed and lets the sent replies go in its batch; without one, they go on their own.
      if (report.enqueued) c.executionCtx.waitUntil(drainAfterUpdate(settings, c.get("now"), afterUpdate(settings, c.get("now"), translatorOf(c.env, settings)), sentReplies, report.claimed));
      else if (sentReplies !== undefined) c.executionCtx.waitUntil(releaseKeptReplies(settings, [sentReplies]));
      return c.json({ ok: true, outcome: report.outcome });
    } catch (error) {
      if (!(error instanceof RetryLater)) throw error;
      logEvent("update", {
        update_id: update.update_id,
        kind: updateKind(update),
        outcome: "retry_later",
        ms: Date.now() - started,
        reason: error.message.slice(0, 200),
      });
      return c.json({ error: "unavailable", detail: "the update could not be stored; Telegram will redeliver it" }, 503);
    }
  },
);
