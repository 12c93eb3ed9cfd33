// The bot's Worker: a thin shell over the app, which tests call directly. The cron and the outbox
// Queue's consumer are the jobs Worker's (workers/jobs/index.ts).
import { app } from "./app.ts";
import type { Env } from "./env.ts";

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
