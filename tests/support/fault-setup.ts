// The fault suite's servers: the fake Telegram API and a libSQL server of its own behind the
// breakable proxy (tests/support/fault-db.ts), so restarting it never disturbs the other suites.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startFakeTelegram } from "../../scripts/fake-telegram/server.ts";
import { startFaultDb } from "./fault-db.ts";
import { TEST_SETTINGS } from "./settings.ts";

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), "desk-faults-"));
  const db = await startFaultDb(dataDir);
  const telegram = await startFakeTelegram({ token: TEST_SETTINGS.TELEGRAM_BOT_TOKEN, botUsername: TEST_SETTINGS.TELEGRAM_BOT_USERNAME });
  project.provide("libsqlUrl", db.url);
  project.provide("telegramApiRoot", telegram.url);
  return async () => {
    await telegram.close();
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
