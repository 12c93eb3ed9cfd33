// Starts the real libSQL server (migrated), the fake Telegram Bot API and the fake DingTalk and WeCom robots on free loopback ports
// for the workerd tests, and stops both afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeRobots } from "../../scripts/fake-robots/server.ts";
import { startFakeTelegram } from "../../scripts/fake-telegram/server.ts";
import { applyMigrations } from "../../scripts/lib/migrate.ts";
import { startSqld } from "../../scripts/lib/sqld.ts";
import { TEST_SETTINGS } from "./settings.ts";

declare module "vitest" {
  export interface ProvidedContext {
    libsqlUrl: string;
    telegramApiRoot: string;
    robotsApiRoot: string;
  }
}

interface TestDb {
  url: string;
  close(): Promise<void>;
}

/** A database (from `startDb`, in a throwaway folder) and the fake Telegram API, provided to the project's tests. */
export async function provideServers(project: TestProject, folderPrefix: string, startDb: (dataDir: string) => Promise<TestDb>) {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  const db = await startDb(dataDir);
  const telegram = await startFakeTelegram({ token: TEST_SETTINGS.TELEGRAM_BOT_TOKEN, botUsername: TEST_SETTINGS.TELEGRAM_BOT_USERNAME });
  project.provide("libsqlUrl", db.url);
  const robots = await startFakeRobots();
  project.provide("telegramApiRoot", telegram.url);
  project.provide("robotsApiRoot", robots.url);
  return async () => {
    // The strict fake refuses what Telegram would: across a whole run, nothing the project sends may be refused.
    const refused = telegram.refusals();
    await robots.close();
    await telegram.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (refused.length > 0) {
      const seen = refused.slice(0, 5).map((c) => `${c.method} to ${String(c.payload.chat_id)}: ${JSON.stringify(c.response)}`);
      throw new Error(`the fake Telegram API refused ${refused.length} call(s) Telegram would refuse:\n${seen.join("\n")}`);
    }
  };
}

export default function setup(project: TestProject) {
  return provideServers(project, "desk-sqld-", async (dataDir) => {
    const sqld = await startSqld({ dataDir, quiet: true });
    await applyMigrations(sqld.url);
    return { url: sqld.url, close: () => sqld.stop() };
  });
}
