// The two Workers as deployed: a request into the bot's Worker, whose WEB binding reaches the real web
// Worker's entry (in-process, with the test's settings). The test projects' own WEB binding is a stub
// (vitest.config.ts), so the admin API, /api/* and the case page, which the web Worker serves, go this way.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import bot from "../../../workers/index.ts";
import web from "../../../workers/web/index.ts";

type Incoming = Parameters<typeof bot.fetch>[0];

export async function viaBot(request: Request, settings: Record<string, string | undefined> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const webEnv = { ...env, ...settings };
  const WEB = { fetch: async (forwarded: Request) => await web.fetch(forwarded as Incoming, webEnv, ctx) };
  const response = await bot.fetch(request as Incoming, { ...env, WEB }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
