// The web Worker: a thin shell over its two apps (tests call them directly): the supervisors' web
// (/web/*) and the admin API, /api/* and the case page (../api-app.ts), both forwarded by the bot's Worker.
import type { WebEnv } from "./env.ts";
import { webApp } from "./app.ts";
import { apiApp } from "../api-app.ts";
import { isApiPath } from "../api-paths.ts";

export default {
  fetch: (request, env, ctx) => (isApiPath(new URL(request.url).pathname) ? apiApp : webApp).fetch(request, env, ctx),
} satisfies ExportedHandler<WebEnv>;
