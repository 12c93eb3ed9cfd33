// The Worker: a thin shell over functions that tests call directly.
import { app } from "./app.ts";
import { settingsOf } from "../lib/settings.ts";
import type { Env } from "./env.ts";
import type { OutboxBatch } from "./outbox/queue.ts";
import { consumeOutboxBatch } from "./outbox/consume.ts";
import { jobs, runTick } from "./scheduled.ts";
import { translatorOf } from "./translator.ts";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  scheduled: async (controller, env) => {
    const settings = settingsOf(env);
    await runTick(settings, controller.scheduledTime, controller.cron, jobs, env.OUTBOX_QUEUE, translatorOf(env, settings));
  },
  queue: async (batch, env) => {
    const settings = settingsOf(env);
    await consumeOutboxBatch(settings, batch, translatorOf(env, settings));
  },
} satisfies ExportedHandler<Env, OutboxBatch>;
