import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vitest/config";
import { TEST_SETTINGS } from "./tests/support/settings.ts";

/** Fluent catalogs are imported as text, as wrangler's Text rule does in the build. */
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

export default defineConfig({
  test: {
    // Everything runs loopback only and bounded: a hanging call fails the test instead of CI.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        plugins: [ftlAsText()],
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        plugins: [
          ftlAsText(),
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                ...TEST_SETTINGS,
                LIBSQL_URL: inject<string>("libsqlUrl"),
                TELEGRAM_API_ROOT: inject<string>("telegramApiRoot"),
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["tests/worker/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
    ],
  },
});
