// The Worker: a thin shell over functions that tests call directly.
import { app } from "./app.ts";
import { settingsOf } from "../lib/settings.ts";
import type { Env } from "./env.ts";
import type { OutboxBatch } from "./outbox/queue.ts";
import { consumeOutboxBatch } from "./outbox/consume.ts";
import { jobs, runTick } from "./scheduled.ts";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  scheduled: async (controller, env) => {
    await runTick(settingsOf(env), controller.scheduledTime, controller.cron, jobs, env.OUTBOX_QUEUE);
  },
  queue: async (batch, env) => {
    await consumeOutboxBatch(settingsOf(env), batch);
  },
} satisfies ExportedHandler<Env, OutboxBatch>;
