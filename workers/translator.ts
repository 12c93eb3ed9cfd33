// Which translator the Worker's sender uses: Workers AI through its binding in production; locally
// and in tests (where wrangler's AI binding would need Cloudflare's remote service) the fake that
// answers like it over HTTP (scripts/fake-telegram); none when neither is configured (translation off).
import type { Settings } from "../lib/settings.ts";
import { TRANSLATION_WAIT_MS, workersAiTranslator, type AiRunner, type Translator } from "../lib/translation.ts";

/** The binding's run() over HTTP: POST {model, inputs}; the binding's output back, or a throw as the binding throws on an error. */
function aiOverHttp(url: string): AiRunner {
  return {
    async run(model, inputs) {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model, inputs }), signal: AbortSignal.timeout(TRANSLATION_WAIT_MS + 1_000) });
      if (!response.ok) throw new Error(`AI ${response.status}`);
      return response.json();
    },
  };
}

export function translatorOf(env: { AI?: AiRunner | undefined }, settings: Pick<Settings, "AI_FAKE_URL">): Translator | undefined {
  if (env.AI) return workersAiTranslator(env.AI);
  return settings.AI_FAKE_URL ? workersAiTranslator(aiOverHttp(settings.AI_FAKE_URL)) : undefined;
}
