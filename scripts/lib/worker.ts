// Runs the Workers under `wrangler dev` (workerd), offline: the bot's Worker serves the port and
// reaches the supervisors' web Worker through its WEB service binding (one `wrangler dev`); the jobs
// Worker (cron and queue consumer) runs under a `wrangler dev` of its own, whose port takes the cron
// trigger: miniflare's trigger route reaches only a session's first Worker.
// The first Worker of a session (the bot's, the jobs Worker) reads its settings from an env file; the web
// Worker, which wrangler gives no env file, takes its required secrets (workers/web/wrangler.toml) from
// wrangler's environment.
import { fileURLToPath } from "node:url";
import { writeEnvFile } from "./dev-vars.ts";
import { waitForHttp } from "./ports.ts";
import { startManaged, stopAll, type Managed, type Stack } from "./processes.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The project's request Workers; the bench also runs its floor (bench/floor/wrangler.toml) the same way. */
const PROJECT_CONFIGS = ["wrangler.toml", "workers/web/wrangler.toml"];
/** The jobs Worker, alone in its session: startWorker({ configs: JOBS_CONFIGS, name: "jobs" }). */
export const JOBS_CONFIGS = ["workers/jobs/wrangler.toml"];

/** `stack`, when given, gets the wrangler process the moment it is spawned, so stopping it mid-start stops wrangler too. */
export async function startWorker(options: { port: number; dataDir: string; vars: Record<string, string>; logLevel?: string; stack?: Stack; configs?: string[]; name?: string }): Promise<{ managed: Managed; url: string; startupMs: number }> {
  const name = options.name ?? "worker";
  const envFile = `${options.dataDir}/${name}.env`;
  writeEnvFile(envFile, options.vars);
  const started = performance.now();
  const managed = startManaged(
    name === "worker" ? "wrangler" : `wrangler (${name})`,
    process.execPath,
    [
      `${ROOT}node_modules/wrangler/bin/wrangler.js`,
      "dev",
      ...(options.configs ?? PROJECT_CONFIGS).flatMap((config) => ["--config", config]),
      "--ip",
      "127.0.0.1",
      "--port",
      String(options.port),
      "--env-file",
      envFile,
      "--persist-to",
      `${options.dataDir}/${name === "worker" ? "wrangler" : `wrangler-${name}`}`,
      "--show-interactive-dev-session=false",
      "--log-level",
      options.logLevel ?? "warn",
    ],
    { cwd: ROOT, env: { ...process.env, ...options.vars, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" } },
  );
  options.stack?.add(() => stopAll([managed]));
  const url = `http://127.0.0.1:${options.port}`;
  try {
    // Any answer will do: the jobs Worker answers 404.
    await waitForHttp(`${url}/healthz`, 60_000);
  } catch (error) {
    await stopAll([managed]);
    throw error;
  }
  return { managed, url, startupMs: Math.round(performance.now() - started) };
}

/**
 * Runs the jobs Worker's cron (its `wrangler dev` URL) as at `time` (epoch ms) through miniflare's trigger
 * route, which hands `time` on as controller.scheduledTime. (wrangler's `--test-scheduled` route, /__scheduled, passes only
 * `cron`, so the jobs ran with the wall clock.)
 */
export function triggerCron(workerUrl: string, cron: string, time: number): Promise<Response> {
  return fetch(`${workerUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}&time=${time}`);
}
