// npm start — the whole local stack on 127.0.0.1, offline:
//   sqld (data kept under .data/sqld) → migrations → wrangler dev of the bot's and the web's Workers
//     (PORT, default 8787) and one of the jobs Worker (JOBS_PORT, default 8792: the cron's trigger)
//   → with no real bot token: the fake Telegram API and the sandbox page (SANDBOX_PORT, default 8790),
//     and the fake DingTalk and WeCom robots with their groups' page (ROBOTS_PORT, default 8791)
//   → with a real TELEGRAM_BOT_TOKEN: the polling bridge that forwards getUpdates to the webhook
//   → a local cron ticker calling the jobs Worker (LOCAL_CRON_SECONDS, default 60; 0 turns it off)
//   → in a database it started itself, the demo unit with ready people for every role (DEMO_SEED=0: none),
//     offered by the sandbox as presets; then a short banner: where the sandbox and the web are, how to stop.
// Settings from the environment win over .dev.vars, which wins over the stack's own values.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startFakeRobots } from "./fake-robots/server.ts";
import { startFakeTelegram } from "./fake-telegram/server.ts";
import { readDevVars } from "./lib/dev-vars.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { Stack, startManaged, stopAll } from "./lib/processes.ts";
import { JOBS_CONFIGS, startWorker, triggerCron } from "./lib/worker.ts";
import { DEMO_ROBOTS, fakeRobotOf, seedDemo, type DemoPerson } from "./lib/demo-seed.ts";
import { startSqld } from "./lib/sqld.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Local state: sqld's data, wrangler's, the generated secrets (DESK_DATA_DIR moves it, e.g. for tests). */
const DATA = process.env.DESK_DATA_DIR ?? `${ROOT}.data`;
const WORKER_SETTINGS = [
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "TELEGRAM_API_ROOT",
  "TELEGRAM_BOT_USERNAME",
  "LIBSQL_URL",
  "LIBSQL_AUTH_TOKEN",
  "PUBLIC_BASE_URL",
  "ADMIN_API_TOKEN",
  "WEB_SESSION_SECRET",
  "CASE_LINK_SECRET",
  "CASE_LINK_SECRET_PREVIOUS",
  "CHANNEL_CREDENTIALS_KEY",
  "DINGTALK_API_ROOT",
  "WECOM_API_ROOT",
  "AI_FAKE_URL",
] as const;
const SANDBOX_TOKEN = "7000000000:SANDBOX_token_0123456789abcdefghij";

function say(event: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ event, ...fields }));
}

/** Secrets the local stack makes for itself once and keeps under .data/ (mode 600). */
function localSecrets(): { webhookSecret: string; adminToken: string; webSessionSecret: string; caseLinkSecret: string; channelCredentialsKey: string } {
  const path = `${DATA}/local-secrets.json`;
  const kept = existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : {};
  const made = {
    webhookSecret: randomBytes(24).toString("base64url"),
    adminToken: randomBytes(24).toString("base64url"),
    webSessionSecret: randomBytes(32).toString("base64url"),
    caseLinkSecret: randomBytes(32).toString("base64url"),
    channelCredentialsKey: randomBytes(32).toString("base64url"),
    ...kept,
  };
  writeFileSync(path, JSON.stringify(made), { mode: 0o600 });
  return made;
}

/** The last words of the start, for a person: where to go and how to stop. */
function banner(at: { worker: string; sandbox: string | null; robots: string | null; demo: readonly DemoPerson[] }): string {
  const rule = "─".repeat(72);
  const people = at.demo.length ? `  Presets 预设身份: ${at.demo.map((p) => p.label).join(" · ")}` : "";
  return [
    "",
    rule,
    "  Hainan Investor Desk is running · 海南外资企业服务台已启动",
    at.sandbox ? `  Sandbox 沙盒:   ${at.sandbox}   (chat with the bot as any role)` : "  Sandbox 沙盒:   none — a real bot token is set; chat with your bot in Telegram",
    ...(people ? [people] : []),
    `  Web 网页端:     ${at.worker}/web   (sign in: send /web to the bot as a staff member)`,
    ...(at.robots ? [`  Groups 群:      ${at.robots}   (what the DingTalk and WeCom groups got)`] : []),
    "  Stop 停止:      Ctrl-C",
    rule,
    "",
  ].join("\n");
}

const port = Number(process.env.PORT ?? 8787);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8790);
const robotsPort = Number(process.env.ROBOTS_PORT ?? 8791);
const jobsPort = Number(process.env.JOBS_PORT ?? 8792);
const cronSeconds = Number(process.env.LOCAL_CRON_SECONDS ?? 60);
/** Everything started, added as it is spawned: a stop at any moment of the start stops all of it. */
const stack = new Stack();

async function shutdown(code: number): Promise<never> {
  // A second Ctrl-C (npm forwards the terminal's too) waits for the same stop instead of exiting under it.
  if (!stack.stopping) say("stopping");
  await stack.stop();
  say("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  mkdirSync(DATA, { recursive: true });
  const fromFile = readDevVars(`${ROOT}.dev.vars`);
  const fromEnv = Object.fromEntries(WORKER_SETTINGS.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  const given = { ...fromFile, ...fromEnv };
  const secrets = localSecrets();

  let libsqlUrl = given.LIBSQL_URL;
  if (!libsqlUrl) {
    const sqld = await startSqld({ dataDir: `${DATA}/sqld`, port: Number(process.env.SQLD_PORT ?? 0) || undefined, quiet: true, stack });
    libsqlUrl = sqld.url;
  }
  await applyMigrations(libsqlUrl, given.LIBSQL_AUTH_TOKEN);
  say("database_ready", { url: libsqlUrl });
  // Never into a database the stack was given (it may be a real one): only into its own sqld.
  const sandbox = !given.TELEGRAM_BOT_TOKEN;
  const channelKey = given.CHANNEL_CREDENTIALS_KEY ?? secrets.channelCredentialsKey;
  let demo: readonly DemoPerson[] = [];
  if (!given.LIBSQL_URL && process.env.DEMO_SEED !== "0") {
    // The demo groups' robots only with the sandbox, whose fake robots know them.
    demo = await seedDemo(libsqlUrl, Date.now(), sandbox && !given.DINGTALK_API_ROOT && !given.WECOM_API_ROOT ? channelKey : undefined);
    say("demo_seeded", { people: demo.map((p) => `${p.role}:${p.id}`) });
  }
  const webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
  const workerVars: Record<string, string> = {
    TELEGRAM_WEBHOOK_SECRET: secrets.webhookSecret,
    ADMIN_API_TOKEN: secrets.adminToken,
    WEB_SESSION_SECRET: secrets.webSessionSecret,
    CASE_LINK_SECRET: secrets.caseLinkSecret,
    CHANNEL_CREDENTIALS_KEY: channelKey,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...given,
    LIBSQL_URL: libsqlUrl,
  };
  let sandboxUrl: string | null = null;
  let robotsUrl: string | null = null;
  if (sandbox) {
    const fake = await startFakeTelegram({
      port: sandboxPort,
      token: SANDBOX_TOKEN,
      webhook: { url: webhookUrl, secret: workerVars.TELEGRAM_WEBHOOK_SECRET!, presets: demo },
    });
    stack.add(fake.close);
    workerVars.TELEGRAM_BOT_TOKEN = SANDBOX_TOKEN;
    workerVars.TELEGRAM_API_ROOT = given.TELEGRAM_API_ROOT ?? fake.url;
    // Machine translation offline: the fake answers like Workers AI (wrangler's AI binding would need Cloudflare).
    workerVars.AI_FAKE_URL = given.AI_FAKE_URL ?? `${fake.url}/__ai/run`;
    sandboxUrl = fake.url;
    // The units' DingTalk and WeCom groups, as the fake robots record them; the demo's groups among them.
    const robots = await startFakeRobots({ port: robotsPort });
    stack.add(robots.close);
    for (const robot of DEMO_ROBOTS) robots.add(fakeRobotOf(robot));
    workerVars.DINGTALK_API_ROOT = given.DINGTALK_API_ROOT ?? robots.url;
    workerVars.WECOM_API_ROOT = given.WECOM_API_ROOT ?? robots.url;
    robotsUrl = robots.url;
  }
  // One after the other: two wrangler dev sessions starting at once can pick the same internal port.
  const worker = await startWorker({ port, dataDir: DATA, vars: workerVars, stack });
  const jobs = await startWorker({ port: jobsPort, dataDir: DATA, vars: workerVars, stack, configs: JOBS_CONFIGS, name: "jobs" });
  for (const started of [worker, jobs]) {
    void started.managed.exited.then((code) => {
      if (!stack.stopping) {
        say("wrangler_exited", { code });
        void shutdown(1);
      }
    });
  }

  if (!sandbox) {
    const bridge = startManaged("bridge", process.execPath, [`${ROOT}scripts/bridge.ts`], {
      cwd: ROOT,
      env: { ...process.env, ...workerVars, WEBHOOK_URL: webhookUrl },
    });
    stack.add(() => stopAll([bridge]));
  }
  if (cronSeconds > 0) {
    const ticker = setInterval(() => {
      triggerCron(jobs.url, "*/5 * * * *", Date.now()).catch(() => {});
    }, cronSeconds * 1000);
    stack.add(async () => clearInterval(ticker));
  }
  say("ready", {
    worker: `http://127.0.0.1:${port}`,
    jobs: jobs.url,
    sandbox: sandboxUrl,
    robot_groups: robotsUrl,
    telegram: sandbox ? "fake (sandbox)" : "real, through the polling bridge",
    database: libsqlUrl,
    local_secrets: `${DATA}/local-secrets.json`,
  });
  console.log(banner({ worker: `http://127.0.0.1:${port}`, sandbox: sandboxUrl, robots: robotsUrl, demo }));
} catch (error) {
  // Stopped during the start: the step it was on failed because of the stop, which exits by itself. A
  // Ctrl-C reaches the whole process group at once, so a child it killed (sqld) may fail the start just
  // before our own SIGINT handler runs: give the handler that moment before calling it a failure.
  if (!stack.stopping) await new Promise((resolve) => setTimeout(resolve, 200));
  if (!stack.stopping) {
    console.error(JSON.stringify({ event: "start_failed", reason: (error as Error).message }));
    await shutdown(1);
  }
}
