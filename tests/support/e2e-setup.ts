// The e2e project's stack, as `npm start` runs it but on free loopback ports and throwaway data:
// Chromium (installed when missing) → sqld + migrations → the fake Telegram Bot API and the fake
// DingTalk and WeCom robots → the bot and web Workers under one `wrangler dev`, then the jobs Worker
// under its own (its cron trigger is how a test runs a tick). Everything it started is stopped afterwards, also when a step fails.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { startFakeRobots } from "../../scripts/fake-robots/server.ts";
import { startFakeTelegram } from "../../scripts/fake-telegram/server.ts";
import { applyMigrations } from "../../scripts/lib/migrate.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import { stopAll } from "../../scripts/lib/processes.ts";
import { startSqld } from "../../scripts/lib/sqld.ts";
import { JOBS_CONFIGS, startWorker } from "../../scripts/lib/worker.ts";
import { ensureChromium } from "./chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eJobsUrl: string;
    e2eTelegramApiRoot: string;
    e2eRobotsUrl: string;
    e2eLibsqlUrl: string;
    e2eAdminToken: string;
    e2eWebhookSecret: string;
    e2eArtifactsDir: string;
  }
}

/** Settings of this stack only (not tests/support/settings.ts: that Worker runs in-process, this one for real). */
const SETTINGS = {
  TELEGRAM_BOT_TOKEN: "7000000002:E2E_token_0123456789abcdefghijk",
  TELEGRAM_WEBHOOK_SECRET: "e2e-webhook-secret-0123456789",
  TELEGRAM_BOT_USERNAME: "HainanDeskE2EBot",
  ADMIN_API_TOKEN: "e2e-admin-token-0123456789abcdefgh",
  WEB_SESSION_SECRET: "e2e-web-session-secret-0123456789abcdefgh",
  CASE_LINK_SECRET: "e2e-case-link-secret-0123456789abcdefgh",
  CHANNEL_CREDENTIALS_KEY: "e2e-channel-credentials-key-0123456789abcdef",
} as const;

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts", import.meta.url));
const say = (line: string) => console.log(`[e2e setup] ${line}`);

export default async function setup(project: TestProject) {
  const started = performance.now();
  const stops: (() => Promise<void>)[] = [];
  const stopEverything = async () => {
    // Last started, first stopped: the Worker before the servers it talks to.
    for (const stop of stops.reverse()) await stop().catch((error) => console.error("[e2e teardown]", error));
    stops.length = 0;
  };
  try {
    const browser = ensureChromium();
    say(browser.installMs === null ? `${browser.version} already installed` : `${browser.version} installed in ${browser.installMs} ms`);

    const dataDir = mkdtempSync(join(tmpdir(), "desk-e2e-"));
    stops.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const sqld = await startSqld({ dataDir: `${dataDir}/sqld`, quiet: true });
    stops.push(() => sqld.stop());
    await applyMigrations(sqld.url);

    const telegram = await startFakeTelegram({ token: SETTINGS.TELEGRAM_BOT_TOKEN, botUsername: SETTINGS.TELEGRAM_BOT_USERNAME });
    stops.push(() => telegram.close());
    const robots = await startFakeRobots();
    stops.push(() => robots.close());

    const port = await freePort();
    // localhost, not 127.0.0.1: WebAuthn refuses an IP address as the relying party's id (passkey tests).
    const baseUrl = `http://localhost:${port}`;
    // The case and sign-in links the bot sends point at this very stack.
    const vars = { ...SETTINGS, TELEGRAM_API_ROOT: telegram.url, DINGTALK_API_ROOT: robots.url, WECOM_API_ROOT: robots.url, LIBSQL_URL: sqld.url, PUBLIC_BASE_URL: baseUrl };
    const worker = await startWorker({ port, dataDir, logLevel: "error", vars });
    stops.push(() => stopAll([worker.managed]));
    // After the bot's: two wrangler dev sessions starting at once can pick the same internal port (scripts/start.ts).
    const jobs = await startWorker({ port: await freePort(), dataDir, logLevel: "error", vars, configs: JOBS_CONFIGS, name: "jobs" });
    stops.push(() => stopAll([jobs.managed]));
    say(`stack up in ${Math.round(performance.now() - started)} ms (wrangler dev ${worker.startupMs} ms, jobs ${jobs.startupMs} ms): ${baseUrl}`);

    mkdirSync(ARTIFACTS, { recursive: true });
    project.provide("e2eBaseUrl", baseUrl);
    project.provide("e2eJobsUrl", jobs.url);
    project.provide("e2eTelegramApiRoot", telegram.url);
    project.provide("e2eRobotsUrl", robots.url);
    project.provide("e2eLibsqlUrl", sqld.url);
    project.provide("e2eAdminToken", SETTINGS.ADMIN_API_TOKEN);
    project.provide("e2eWebhookSecret", SETTINGS.TELEGRAM_WEBHOOK_SECRET);
    project.provide("e2eArtifactsDir", ARTIFACTS);
  } catch (error) {
    await stopEverything();
    throw error;
  }
  return stopEverything;
}
