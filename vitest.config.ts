import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vitest/config";
import { TEST_SETTINGS } from "./tests/support/settings.ts";

/** Fluent catalogs are imported as text (`with { type: "text" }`), as esbuild inlines them in the build. */
function ftlAsText(): Plugin {
  return {
    name: "ftl-as-text",
    enforce: "pre",
    load(id) {
      if (!id.endsWith(".ftl")) return null;
      return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
    },
  };
}

/** The Worker in workerd against the servers the global setup started. */
interface ProjectOptions {
  /** The Worker whose wrangler config the project runs as its main Worker (default: the bot's). */
  config?: string;
  miniflare?: Record<string, unknown>;
  setup?: string;
  settings?: Record<string, string>;
  test?: Record<string, unknown>;
}

function workerProject(name: string, include: string[], options: ProjectOptions = {}) {
  return {
    extends: true as const,
    plugins: [
      ftlAsText(),
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: options.config ?? "./wrangler.toml" },
        miniflare: {
          // wrangler.toml binds WEB to the supervisors' web Worker. These projects test the web app
          // in-process (tests/worker/web.test.ts) and the real pair under wrangler dev (tests/e2e), so
          // here the binding only has to exist: it answers 503 to anything that reaches it.
          workers: [
            {
              name: "hainan-investor-desk-web",
              modules: true,
              compatibilityDate: "2026-10-01",
              script: "export default { fetch: () => new Response('the web Worker is not part of this test project', { status: 503 }) };",
            },
          ],
          // The web Worker's passkey limit, as workers/web/wrangler.toml declares it (the web app runs in these projects).
          ratelimits: { PASSKEY_LIMITER: { namespace_id: "1501", simple: { limit: 20, period: 60 } } },
          ...options.miniflare,
          bindings: {
            ...TEST_SETTINGS,
            ...options.settings,
            LIBSQL_URL: inject<string>("libsqlUrl"),
            TELEGRAM_API_ROOT: inject<string>("telegramApiRoot"),
            // The fake Telegram server also records other services' webhooks.
            PORTAL_WEBHOOK_URL: `${inject<string>("telegramApiRoot")}/__hooks/portal`,
            // One fake server answers for both vendors (their paths differ).
            DINGTALK_API_ROOT: inject<string>("robotsApiRoot"),
            WECOM_API_ROOT: inject<string>("robotsApiRoot"),
          },
        },
      })),
    ],
    test: { name, include, globalSetup: [options.setup ?? "tests/support/global-setup.ts"], ...options.test },
  };
}

export default defineConfig({
  // The Workers' code runs in one test isolate: their translator gets all Workers' catalogs
  // (lib/locales/catalogs.ts says how each Worker's build takes its own).
  resolve: { alias: { "#catalogs": fileURLToPath(new URL("./lib/locales/all-catalogs.ts", import.meta.url)) } },
  test: {
    // Everything runs loopback only and bounded: a hanging call fails the test instead of CI.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The Worker logs a line per update, drain and tick: thousands in the burst. Errors still show.
    onConsoleLog: (log) => !/"event":"(update|outbox_drain|tick)"/.test(log),
    projects: [
      {
        extends: true,
        plugins: [ftlAsText()],
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      workerProject("worker", ["tests/worker/**/*.test.ts"]),
      // The outbox through a real (miniflare) Queue: its own project, so only these tests have the binding,
      // run as the jobs Worker, which produces (the tick) and consumes the queue.
      workerProject("queue", ["tests/queue/**/*.test.ts"], {
        config: "./workers/jobs/wrangler.toml",
        miniflare: {
          queueProducers: { OUTBOX_QUEUE: { queueName: "desk-outbox" } },
          queueConsumers: { "desk-outbox": { maxBatchSize: 10, maxBatchTimeout: 1 } },
        },
      }),
      // Faults on purpose: a database of its own behind a breakable proxy, and a short Telegram timeout.
      workerProject("faults", ["tests/faults/**/*.test.ts"], {
        setup: "tests/support/fault-setup.ts",
        settings: { TELEGRAM_TIMEOUT_SECONDS: "2" },
        // One file at a time: stopping sqld must not hit another file's requests.
        test: { fileParallelism: false },
      }),
      // Real Chromium against both Workers under one `wrangler dev` (tests/support/e2e-setup.ts); the
      // setup may first install Chromium with apt and start the stack, hence the long hook timeout.
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/support/e2e-setup.ts"],
          fileParallelism: false,
          hookTimeout: 240_000,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
