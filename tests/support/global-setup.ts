// Starts the real libSQL server (migrated) and the fake Telegram Bot API on free loopback ports
// for the workerd tests, and stops both afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeTelegram } from "../../scripts/fake-telegram/server.ts";
import { applyMigrations } from "../../scripts/lib/migrate.ts";
import { startSqld } from "../../scripts/lib/sqld.ts";
import { TEST_SETTINGS } from "./settings.ts";

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
    telegramApiRoot: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), "desk-sqld-"));
  const sqld = await startSqld({ dataDir, quiet: true });
  await applyMigrations(sqld.url);
  const telegram = await startFakeTelegram({ token: TEST_SETTINGS.TELEGRAM_BOT_TOKEN, botUsername: TEST_SETTINGS.TELEGRAM_BOT_USERNAME });
  project.provide("libsqlUrl", sqld.url);
  project.provide("telegramApiRoot", telegram.url);
  return async () => {
    await telegram.close();
    await sqld.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
