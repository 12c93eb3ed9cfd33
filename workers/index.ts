// The Worker: a thin shell over functions that tests call directly.
import { app } from "./app.ts";
import { settingsOf, type Env } from "./env.ts";
import { runTick } from "./scheduled.ts";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  scheduled: async (controller, env) => {
    await runTick(settingsOf(env), controller.scheduledTime, controller.cron);
  },
} satisfies ExportedHandler<Env>;
