// npm start as a person runs it: the whole stack comes up, the sandbox reaches the Worker, the cron
// runs as at a given time, and Ctrl-C stops everything it started.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createClient } from "@libsql/client";
import { freePort } from "../../scripts/lib/ports.ts";
import { DEMO_ROBOTS } from "../../scripts/lib/demo-seed.ts";
import { triggerCron } from "../../scripts/lib/worker.ts";

function processesMentioning(text: string): string[] {
  try {
    return execFileSync("pgrep", ["-af", "--", text], { encoding: "utf8" }).split("\n").filter((l) => l && !l.includes("pgrep"));
  } catch {
    return [];
  }
}

describe("npm start", () => {
  it("brings the local stack up, answers /start through the sandbox, and stops cleanly on SIGINT", async () => {
    const [port, sandboxPort, robotsPort, jobsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const dataDir = mkdtempSync(join(tmpdir(), "desk-start-"));
    const child = spawn(process.execPath, ["scripts/start.ts"], {
      env: { ...process.env, PORT: String(port), SANDBOX_PORT: String(sandboxPort), ROBOTS_PORT: String(robotsPort), JOBS_PORT: String(jobsPort), LOCAL_CRON_SECONDS: "0", DESK_DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await expect.poll(() => output.includes('"event":"ready"'), { timeout: 150_000, interval: 250 }).toBe(true);
      expect((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as object).toEqual({ ok: true, db: "up" });

      const sent = await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/send`, { method: "POST", body: JSON.stringify({ userId: 31337, name: "Tester", text: "/start" }) });
      expect(((await sent.json()) as { webhookStatus: number }).webhookStatus).toBe(200);
      const chat = (await (await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/chat?chat_id=31337`)).json()) as { payload: { text: string } }[];
      expect(chat[0]!.payload.text).toContain("欢迎");
      // The units' DingTalk and WeCom groups, as the fake robots show them.
      expect(output).toContain(`"robot_groups":"http://127.0.0.1:${robotsPort}"`);
      expect(await (await fetch(`http://127.0.0.1:${robotsPort}/`)).text()).toContain("fake robots");
      // The demo unit hears in its DingTalk group on the fake robots: the admin's "send a test message" shows there, under the group's name.
      const { adminToken } = JSON.parse(readFileSync(join(dataDir, "local-secrets.json"), "utf8")) as { adminToken: string };
      const tested = await fetch(`http://127.0.0.1:${port}/admin/units/demo-haikou/channel/test`, { method: "POST", headers: { authorization: `Bearer ${adminToken}` } });
      expect(await tested.json()).toMatchObject({ ok: true, errcode: 0 });
      expect(await (await fetch(`http://127.0.0.1:${robotsPort}/`)).text()).toContain(`dingtalk · ${DEMO_ROBOTS[0].name}`);
      expect(output).toContain(`Groups 群:      http://127.0.0.1:${robotsPort}`);
      expect(chat[0]!.payload.text).toContain("Welcome");
      expect(processesMentioning(`--port ${port}`).length).toBeGreaterThan(0);

      // The demo unit: a preset for every role, each answered by /help with its own commands.
      const presets = (await (await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/presets`)).json()) as { role: string; id: number; name: string }[];
      expect(presets.map((p) => p.role)).toEqual(["investor", "specialist", "unit_head", "bizenv", "admin"]);
      // (The sandbox's people speak English to Telegram, so the bot answers them in English until they choose.)
      const helpTitle: Record<string, string> = { investor: "/appointment", specialist: "Enterprise service specialist", unit_head: "Unit head", bizenv: "Business-environment department", admin: "Admin (" };
      for (const preset of presets) {
        const asked = await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/send`, { method: "POST", body: JSON.stringify({ userId: preset.id, name: preset.name, text: "/help" }) });
        expect(((await asked.json()) as { webhookStatus: number }).webhookStatus).toBe(200);
        const said = (await (await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/chat?chat_id=${preset.id}`)).json()) as { payload: { text: string } }[];
        expect(said.at(-1)!.payload.text, preset.role).toContain(helpTitle[preset.role]);
      }
      // The web's sign-in, as the demo specialist: /web in the sandbox, then the link.
      const specialist = presets.find((p) => p.role === "specialist")!;
      await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/send`, { method: "POST", body: JSON.stringify({ userId: specialist.id, name: specialist.name, text: "/web" }) });
      const linkMessage = (await (await fetch(`http://127.0.0.1:${sandboxPort}/sandbox/chat?chat_id=${specialist.id}`)).json()) as { payload: { text: string } }[];
      const link = /http:\/\/127\.0\.0\.1:\d+\/web\/sign-in\?t=[A-Za-z0-9_-]{43}/.exec(linkMessage.at(-1)!.payload.text)![0];
      expect((await fetch(link)).status).toBe(200);
      // The start ends with words for a person: the sandbox, the web, how to stop.
      expect(output).toContain(`Sandbox 沙盒:   http://127.0.0.1:${sandboxPort}`);
      expect(output).toContain(`Web 网页端:     http://127.0.0.1:${port}/web`);
      expect(output).toContain("Stop 停止:      Ctrl-C");

      // The local ticker's call: the jobs Worker runs the jobs as at the given time (their tick mark says
      // so), not the wall clock. The bot's Worker has no cron any more: its trigger fails.
      const at = Date.parse("2026-02-13T12:00:00Z");
      expect(output).toContain(`"jobs":"http://127.0.0.1:${jobsPort}"`);
      expect((await triggerCron(`http://127.0.0.1:${jobsPort}`, "*/5 * * * *", at)).status).toBe(200);
      expect((await triggerCron(`http://127.0.0.1:${port}`, "*/5 * * * *", at + 60_000)).status).toBe(500);
      const ready = JSON.parse(output.split("\n").find((line) => line.includes('"event":"ready"'))!) as { database: string };
      const db = createClient({ url: ready.database });
      const [mark] = (await db.execute("SELECT value FROM settings WHERE key = 'cron.last_tick'")).rows;
      db.close();
      expect(JSON.parse(String(mark?.value))).toEqual({ now: at, cron: "*/5 * * * *" });
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    expect(output).toContain('"event":"stopped"');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${jobsPort}/`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${sandboxPort}/`)).rejects.toThrow();
    expect(processesMentioning(`--port ${port}`)).toEqual([]);
    expect(processesMentioning(`--port ${jobsPort}`)).toEqual([]);
    expect(processesMentioning(dataDir)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  }, 200_000);
});

/** The live processes (not zombies) whose environment holds `mark`: whatever one `npm start` spawned, however deep. */
function processesMarked(mark: string): { pid: number; comm: string; cmdline: string }[] {
  const found = [];
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").includes(mark)) continue;
      const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      found.push({ pid: Number(pid), comm, cmdline: readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim() });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

type Moment = (running: ReturnType<typeof processesMarked>, output: string) => boolean;
const NODE = [process.execPath, "scripts/start.ts"];
const EXITED = { code: 0, signal: null };
const MOMENTS: [string, string[], Moment, { code: number | null; signal: string | null }][] = [
  ["sqld is starting", NODE, (running) => running.some((p) => p.comm === "sqld"), EXITED],
  ["the database is ready, the Worker not yet started", NODE, (_running, output) => output.includes('"event":"database_ready"'), EXITED],
  [
    "wrangler is starting, workerd not yet",
    NODE,
    (running) => running.some((p) => p.cmdline.includes("wrangler.js")) && !running.some((p) => p.comm === "workerd"),
    EXITED,
  ],
  [
    "the jobs Worker's wrangler dev is starting, after the bot's",
    NODE,
    (running, output) => running.some((p) => p.cmdline.includes("workers/jobs/wrangler.toml")) && !output.includes('"event":"ready"'),
    EXITED,
  ],
  // Through npm, as a person runs it: npm forwards the terminal's SIGINT (the stack gets it twice), waits
  // for the script, then ends itself by the same signal.
  [
    "workerd is starting (npm start)",
    ["npm", "start"],
    (running, output) => running.some((p) => p.comm === "workerd") && !output.includes('"event":"ready"'),
    { code: null, signal: "SIGINT" },
  ],
];

describe("npm start interrupted while it is still starting", () => {
  it.each(MOMENTS)("Ctrl-C when %s stops everything it started", async (_moment, [command, ...args], reached, exit) => {
    const [port, sandboxPort, robotsPort, jobsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const dataDir = mkdtempSync(join(tmpdir(), "desk-start-"));
    const mark = `desk-start-test-${randomBytes(8).toString("hex")}`;
    // Its own process group, which a terminal's Ctrl-C signals as a whole (npm, node, sqld; not wrangler's group).
    const child = spawn(command!, args, {
      env: { ...process.env, PORT: String(port), SANDBOX_PORT: String(sandboxPort), ROBOTS_PORT: String(robotsPort), JOBS_PORT: String(jobsPort), LOCAL_CRON_SECONDS: "0", DESK_DATA_DIR: dataDir, DESK_START_TEST_MARK: mark },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    try {
      await expect.poll(() => reached(processesMarked(mark), output), { timeout: 120_000, interval: 10 }).toBe(true);
      expect(output).not.toContain('"event":"ready"');
      process.kill(-child.pid!, "SIGINT");
      expect(await exited).toEqual(exit);
      expect(output).toContain('"event":"stopped"');
      expect(output).not.toContain("start_failed");
      await expect.poll(() => processesMarked(mark).map((p) => `${p.comm}: ${p.cmdline}`), { timeout: 3000 }).toEqual([]);
    } finally {
      for (const { pid } of processesMarked(mark)) process.kill(pid, "SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
