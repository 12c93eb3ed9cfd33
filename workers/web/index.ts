// The supervisors' web Worker: a thin shell over the app (tests call createWebApp directly).
import type { WebEnv } from "./env.ts";
import { webApp } from "./app.ts";

export default {
  fetch: (request, env, ctx) => webApp.fetch(request, env, ctx),
} satisfies ExportedHandler<WebEnv>;
