// The jobs Worker: the cron tick and the outbox Queue's consumer, a thin shell over functions the tests
// call directly (../scheduled.ts, ../outbox/consume.ts). Its own Worker (./wrangler.toml), so the bot's
// Worker carries only the webhook and the drain after an update.
import { jobsSettingsOf } from "../../lib/settings.ts";
import type { OutboxBatch } from "../outbox/queue.ts";
import { consumeOutboxBatch } from "../outbox/consume.ts";
import { jobs, runTick } from "../scheduled.ts";
import { translatorOf } from "../translator.ts";
import type { JobsEnv } from "./env.ts";

export default {
  // No route reaches it (workers_dev = false); locally, `npm start` waits for this answer to know it is up.
  fetch: () => new Response("The jobs Worker (cron and outbox queue) answers no requests.", { status: 404 }),
  scheduled: async (controller, env) => {
    const settings = jobsSettingsOf(env);
    await runTick(settings, controller.scheduledTime, controller.cron, jobs, env.OUTBOX_QUEUE, translatorOf(env, settings));
  },
  queue: async (batch, env) => {
    const settings = jobsSettingsOf(env);
    await consumeOutboxBatch(settings, batch, translatorOf(env, settings));
  },
} satisfies ExportedHandler<JobsEnv, OutboxBatch>;
