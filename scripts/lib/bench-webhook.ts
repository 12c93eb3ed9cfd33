// The webhook part of `npm run bench`: the project's Worker, the floor (a bare grammY bot,
// bench/floor/) and the floor + database (bench/floor-db/: the floor plus the least database work the
// design needs, against a sqld of its own) side by side, each under its own `wrangler dev` with the same
// flags, against the same fake Bot API, driven in a closed loop with the same updates; runs interleaved,
// each figure the median of the runs with min and max, and the ratios project ÷ floor (and floor + database ÷ floor).
import { readdirSync } from "node:fs";
import { loadavg } from "node:os";
import { openDb, type DbHandle } from "../../db/client.ts";
import { startFakeTelegram } from "../fake-telegram/server.ts";
import { pairedRatios, runOrder, summarize, type Sample, type Spread, type StackSummary } from "./bench-summary.ts";
import { applyMigrations } from "./migrate.ts";
import { freePort } from "./ports.ts";
import { processCpu, stopAll } from "./processes.ts";
import { startSqld } from "./sqld.ts";
import { startWorker } from "./worker.ts";

const DAY = 86_400_000;

export const BENCH_TOKEN = "7000000009:BENCH_token_0123456789abcdefghij";
export const BENCH_SECRET = "bench-webhook-secret-0123456789";
export const BENCH_CASE_LINK_SECRET = "bench-case-link-secret-0123456789abcdef";
export const FIRST_USER = 5_000_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The unit, a firm and 100 specialists (bench-sp-<i>, Telegram id 900000 + i) that every part of the bench uses. */
export async function seedBase(handle: DbHandle) {
  await handle.client.batch(
    [
      "INSERT INTO units (id, name_zh, name_en, kind, area_code, created_at) VALUES ('bench-unit', '海口市营商环境局', 'Haikou', 'city', 'haikou', 0)",
      "INSERT INTO firms (id, uscc, name_zh, area_code, industry, foreign_invested, created_at) VALUES ('bench-firm', '91460100BENCH00001', '测试企业', 'haikou', 'trade', 1, 0)",
      ...Array.from({ length: 100 }, (_, i) =>
        `INSERT INTO specialists (id, telegram_id, name, unit_id, area_code, role, on_duty, active, created_at) VALUES ('bench-sp-${i}', ${900000 + i}, '专员${i}', 'bench-unit', 'haikou', 'specialist', 0, 1, 0)`,
      ),
    ],
    "write",
  );
}

/** Investors, each of their own firm (privacy accepted), and the sessions each scenario starts from. */
export async function seedInvestors(handle: DbHandle, count: number) {
  const users = Array.from({ length: count }, (_, i) => `(${FIRST_USER + i}, 'en', ${FIRST_USER + i}, 1, 1, 1)`);
  // One firm each, as firms are in life (a firm of 200 members would make every status update 200 messages).
  const firms = Array.from({ length: count }, (_, i) => `('bench-firm-${i}', '91460100INV${String(i).padStart(7, "0")}', '测试企业${i}', 'haikou', 'trade', 1, 0)`);
  const members = Array.from({ length: count }, (_, i) => `('bench-firm-${i}', ${FIRST_USER + i}, 'active', 1)`);
  await handle.client.batch(
    [
      `INSERT INTO firms (id, uscc, name_zh, area_code, industry, foreign_invested, created_at) VALUES ${firms.join(",")} ON CONFLICT DO NOTHING`,
      `INSERT INTO users (telegram_id, locale, chat_id, privacy_accepted_at, created_at, updated_at) VALUES ${users.join(",")} ON CONFLICT DO NOTHING`,
      `INSERT INTO firm_members (firm_id, telegram_id, status, created_at) VALUES ${members.join(",")} ON CONFLICT DO NOTHING`,
    ],
    "write",
  );
}

export async function seedSessions(handle: DbHandle, count: number, state: object) {
  const json = JSON.stringify(state).replace(/'/g, "''");
  const values = Array.from({ length: count }, (_, i) => `(${FIRST_USER + i}, '${json}', 1, ${Date.now() + DAY}, 1)`);
  await handle.client.batch(["DELETE FROM sessions", `INSERT INTO sessions (telegram_id, state, version, expires_at, updated_at) VALUES ${values.join(",")}`], "write");
}

let updateSeq = 1_000_000;
export const message = (user: number, text: string) => ({
  update_id: updateSeq++,
  message: {
    message_id: updateSeq,
    date: Math.floor(Date.now() / 1000),
    chat: { id: user, type: "private", first_name: "Bench" },
    from: { id: user, is_bot: false, first_name: "Bench", language_code: "en" },
    text,
    ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
  },
});
export const callback = (user: number, data: string) => ({
  update_id: updateSeq++,
  callback_query: {
    id: String(updateSeq),
    from: { id: user, is_bot: false, first_name: "Bench", language_code: "en" },
    chat_instance: "bench",
    data,
    message: { message_id: 1, date: 0, chat: { id: user, type: "private", first_name: "Bench" }, text: "…" },
  },
});

/** Posts `updates` with `concurrency` in flight; latency of each, the throughput and the non-200 answers by status. */
async function drive(url: string, updates: object[], concurrency: number) {
  if (updates.length === 0) throw new Error("nothing to drive: the scenario's setup failed");
  const latencies: number[] = [];
  let next = 0;
  const failures: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < updates.length) {
        const update = updates[next++]!;
        const t0 = performance.now();
        // Telegram gives up on a webhook after about a minute; so does the driver, counting it as a failure.
        const status = await fetch(`${url}/telegram/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": BENCH_SECRET },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(60_000),
        }).then(
          async (response) => (await response.arrayBuffer(), String(response.status)),
          (error: Error) => (error.name === "TimeoutError" ? "timeout" : "network"),
        );
        if (status !== "200") failures[status] = (failures[status] ?? 0) + 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: updates.length, failures, p50Ms: +percentile(sorted, 50).toFixed(1), p99Ms: +percentile(sorted, 99).toFixed(1), perSecond: +(updates.length / seconds).toFixed(1) };
}

/**
 * CPU time (ms, user + system) so far of every process in process group `group` (wrangler's node and
 * the workerd it spawned), by command name, plus the processes `pids` (sqld).
 */
function cpuByProcess(group: number, pids: number[] = []): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map(Number)) {
    const proc = processCpu(pid);
    if (!proc || (proc.group !== group && !pids.includes(pid))) continue;
    // Node names its main thread's process "MainThread" in some builds.
    const name = proc.name === "MainThread" ? "node" : proc.name;
    byName[name] = (byName[name] ?? 0) + proc.cpuMs;
  }
  return byName;
}

const STEPS = ["start", "intakeStep", "submit", "specialistAction"] as const;
type Step = (typeof STEPS)[number];
/** floorDb: the floor + database's two round trips; floorDbRelease: the same plus the release after the response. */
type StackName = "project" | "floor" | "floorDb" | "floorDbRelease";

export interface WebhookBenchOptions {
  /** Interleaved runs per cell (each figure is their median). */
  runs: number;
  /** Updates per step kind per run. */
  updates: number;
  concurrency: number[];
  /** Runs the floor + database stacks too (BENCH_FLOOR_DB=0 leaves them out). */
  floorDb: boolean;
}

export async function benchWebhook(sqlUrl: string, sqldPid: number, dataDir: string, options: WebhookBenchOptions) {
  const fake = await startFakeTelegram({ token: BENCH_TOKEN });
  const vars = { TELEGRAM_BOT_TOKEN: BENCH_TOKEN, TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET, TELEGRAM_API_ROOT: fake.url };
  const project = await startWorker({
    port: await freePort(),
    dataDir,
    // BENCH_LOG_LEVEL=log shows the Worker's lines (a 503's reason); BENCH_LOG_EVERY_UPDATE=1 measures a line per update.
    logLevel: process.env.BENCH_LOG_LEVEL ?? "error",
    vars: { ...vars, LOG_EVERY_UPDATE: process.env.BENCH_LOG_EVERY_UPDATE ?? "0", CASE_LINK_SECRET: BENCH_CASE_LINK_SECRET, LIBSQL_URL: sqlUrl, PUBLIC_BASE_URL: "http://127.0.0.1" },
  });
  const floor = await startWorker({ port: await freePort(), dataDir, logLevel: "error", vars, configs: ["bench/floor/wrangler.toml"], name: "floor" });
  const stacks: Partial<Record<StackName, { url: string; cpu: () => Record<string, number> }>> = {
    project: { url: project.url, cpu: () => cpuByProcess(project.managed.child.pid!, [sqldPid]) },
    floor: { url: floor.url, cpu: () => cpuByProcess(floor.managed.child.pid!) },
  };
  const handle = openDb({ url: sqlUrl });
  const n = options.updates;
  await seedInvestors(handle, n);
  // The floor + database has a sqld of its own (same binary and flags, its own file, the project's
  // migrations, the same investors), so its CPU is its own and the project's rows never meet it.
  const floorDbSqld = options.floorDb ? await startSqld({ dataDir: `${dataDir}/floor-db-sqld`, quiet: true }) : undefined;
  const floorDb = floorDbSqld
    ? await startWorker({ port: await freePort(), dataDir, logLevel: "error", vars: { ...vars, LIBSQL_URL: floorDbSqld.url }, configs: ["bench/floor-db/wrangler.toml"], name: "floor-db" })
    : undefined;
  if (floorDbSqld && floorDb) {
    await applyMigrations(floorDbSqld.url);
    await seedInvestors(openDb({ url: floorDbSqld.url }), n);
    const cpu = () => cpuByProcess(floorDb.managed.child.pid!, [floorDbSqld.process.pid!]);
    stacks.floorDb = { url: floorDb.url, cpu };
    // The same Worker and sqld; this route also lets the kept reply go after the response.
    stacks.floorDbRelease = { url: `${floorDb.url}/release`, cpu };
  }
  const stackNames = Object.keys(stacks) as StackName[];
  const users = Array.from({ length: n }, (_, i) => FIRST_USER + i);

  const measured = async (stack: StackName, updates: object[], concurrency: number): Promise<Sample> => {
    const { url, cpu: cpuNow } = stacks[stack]!;
    const before = cpuNow();
    const result = await drive(url, updates, concurrency);
    const after = cpuNow();
    const cpu: Record<string, number> = {};
    for (const name of Object.keys(after)) cpu[name] = ((after[name] ?? 0) - (before[name] ?? 0)) / updates.length;
    // wrangler's esbuild watches the sources by polling, whatever the traffic: dev tooling, not serving an update.
    cpu.total = Object.entries(cpu).reduce((sum, [name, ms]) => (name === "esbuild" ? sum : sum + ms), 0);
    return { p50Ms: result.p50Ms, p99Ms: result.p99Ms, perSecond: result.perSecond, failures: result.failures, cpu };
  };

  /** One run of the four step kinds on one stack; the same updates for every stack, the project's state set up before each. */
  const runSteps = async (stack: StackName, concurrency: number): Promise<Record<Step, Sample>> => {
    const start = await measured(stack, users.map((u) => message(u, "/start")), concurrency);
    if (stack === "project") {
      await seedSessions(handle, n, { flow: "form", form: { form: "policy", path: ["policy"], draft: { policy: "Zero-tariff policy" }, at: "question" } });
    }
    const intakeStep = await measured(stack, users.map((u) => message(u, "Does a lease of imported equipment qualify for the zero tariff?")), concurrency);
    const submit = await measured(stack, users.map((u) => callback(u, "form:ok:policy")), concurrency);
    let caseIds = users.map((u) => `floor-${u}`);
    if (stack === "project") {
      const open = await handle.client.execute(`SELECT id FROM cases WHERE status = 'received' AND created_by >= ${FIRST_USER} LIMIT ${n}`);
      await handle.client.execute(`UPDATE cases SET owner_id = 'bench-sp-0', status = 'assigned' WHERE status = 'received' AND created_by >= ${FIRST_USER}`);
      caseIds = open.rows.map((r) => String(r.id));
    }
    const specialistAction = await measured(stack, caseIds.map((id) => callback(900000, `sp:ack:${id}`)), concurrency);
    return { start, intakeStep, submit, specialistAction };
  };

  const samples: Record<string, Partial<Record<StackName, Record<Step, Sample>[]>>> = {};
  const loadBefore = loadavg();
  const started = performance.now();
  try {
    // Warm every isolate first, as production traffic would.
    for (const stack of stackNames) await drive(stacks[stack]!.url, users.slice(0, 20).map((u) => message(u, "/start")), 4);
    for (let run = 0; run < options.runs; run++) {
      for (const concurrency of options.concurrency) {
        const cell = (samples[`concurrency ${concurrency}`] ??= {});
        for (const stack of runOrder(stackNames, run)) (cell[stack] ??= []).push(await runSteps(stack, concurrency));
        const last = (stack: StackName) => cell[stack]!.at(-1)!;
        console.log(
          `webhook run ${run + 1}/${options.runs} @${concurrency}: CPU ms/update ${stackNames.join(" / ")} ` +
            STEPS.map((s) => `${s} ${stackNames.map((stack) => last(stack)[s].cpu.total!.toFixed(1)).join("/")}`).join(" · "),
        );
      }
    }
  } finally {
    await stopAll([project.managed, floor.managed, ...(floorDb ? [floorDb.managed] : [])]);
    await floorDbSqld?.stop();
    await fake.close();
  }

  const byConcurrency: Record<string, Record<Step, StepSummary>> = {};
  for (const [cellName, cell] of Object.entries(samples)) {
    const steps = {} as Record<Step, StepSummary>;
    for (const step of STEPS) {
      const runs = (stack: StackName) => cell[stack]!.map((r) => r[step]);
      steps[step] = {
        project: summarize(runs("project")),
        floor: summarize(runs("floor")),
        ratio: pairedRatios(runs("project"), runs("floor")),
        ...(cell.floorDb && cell.floorDbRelease
          ? {
              floorDb: {
                twoTrips: summarize(runs("floorDb")),
                withRelease: summarize(runs("floorDbRelease")),
                ratio: {
                  twoTripsToFloor: pairedRatios(runs("floorDb"), runs("floor")),
                  withReleaseToFloor: pairedRatios(runs("floorDbRelease"), runs("floor")),
                  projectToWithRelease: pairedRatios(runs("project"), runs("floorDbRelease")),
                },
              },
            }
          : {}),
      };
    }
    byConcurrency[cellName] = steps;
  }
  const result = {
    runs: options.runs,
    updatesPerStep: n,
    minutes: +((performance.now() - started) / 60_000).toFixed(1),
    loadAverage: { before: loadBefore.map((l) => +l.toFixed(2)), after: loadavg().map((l) => +l.toFixed(2)) },
    workerStartupMs: { project: project.startupMs, floor: floor.startupMs, ...(floorDb ? { floorDb: floorDb.startupMs } : {}) },
    byConcurrency,
  };
  printTable(result.byConcurrency);
  if (floorDb) printFloorDbTable(result.byConcurrency);
  return result;
}

/** Concurrency up to which every update must be answered 200 (issue 15: no redelivery under ordinary load). */
export const NO_REDELIVERY_UP_TO = 20;

/** The project's non-200 answers at concurrency ≤ NO_REDELIVERY_UP_TO, as "@20 submit: {\"503\":1}" lines; empty when none. */
export function redeliveries(byConcurrency: Record<string, Record<string, { project: { failures: Record<string, number> } }>>): string[] {
  const found: string[] = [];
  for (const [cell, steps] of Object.entries(byConcurrency)) {
    if (Number(cell.replace("concurrency ", "")) > NO_REDELIVERY_UP_TO) continue;
    for (const [step, summary] of Object.entries(steps)) {
      if (Object.keys(summary.project.failures).length > 0) found.push(`@${cell.replace("concurrency ", "")} ${step}: ${JSON.stringify(summary.project.failures)}`);
    }
  }
  return found;
}

type Ratios = Record<"cpu" | "p50" | "p99", Spread>;
interface StepSummary {
  project: StackSummary;
  floor: StackSummary;
  /** project ÷ floor. */
  ratio: Ratios;
  /** The floor + database, with and without the release after the response, and its ratios. */
  floorDb?: { twoTrips: StackSummary; withRelease: StackSummary; ratio: Record<"twoTripsToFloor" | "withReleaseToFloor" | "projectToWithRelease", Ratios> };
}

const fmt = (s: Spread) => `${s.median} (${s.min}–${s.max})`;
const byProcess = (cpu: Record<string, Spread>) => `[${Object.entries(cpu).filter(([k]) => k !== "total").map(([k, v]) => `${k} ${v.median}`).join(", ")}]`;

function printRows(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join("  "));
}

function printTable(byConcurrency: Record<string, Record<Step, StepSummary>>) {
  const rows: string[][] = [["cell", "step", "CPU ms/update project", "CPU floor", "CPU ratio", "p50 ms project / floor", "p99 ms project / floor", "p50 ratio", "non-200"]];
  for (const [cell, steps] of Object.entries(byConcurrency)) {
    for (const step of STEPS) {
      const s = steps[step];
      rows.push([
        cell.replace("concurrency ", "@"),
        step,
        `${fmt(s.project.cpuMsPerUpdate.total!)} ${byProcess(s.project.cpuMsPerUpdate)}`,
        `${fmt(s.floor.cpuMsPerUpdate.total!)} ${byProcess(s.floor.cpuMsPerUpdate)}`,
        fmt(s.ratio.cpu),
        `${s.project.p50Ms.median} / ${s.floor.p50Ms.median}`,
        `${s.project.p99Ms.median} / ${s.floor.p99Ms.median}`,
        fmt(s.ratio.p50),
        JSON.stringify(s.project.failures),
      ]);
    }
  }
  printRows(rows);
}

/** The floor + database against the floor: what the premise of 2 DB round trips costs on its own, and the project against it. */
function printFloorDbTable(byConcurrency: Record<string, Record<Step, StepSummary>>) {
  const rows: string[][] = [["cell", "step", "CPU ms/update floor+DB (2 trips)", "÷ floor", "CPU +release (3 trips)", "÷ floor", "project ÷ +release", "p50 ms 2 trips / +release", "non-200"]];
  for (const [cell, steps] of Object.entries(byConcurrency)) {
    for (const step of STEPS) {
      const s = steps[step].floorDb;
      if (!s) continue;
      rows.push([
        cell.replace("concurrency ", "@"),
        step,
        `${fmt(s.twoTrips.cpuMsPerUpdate.total!)} ${byProcess(s.twoTrips.cpuMsPerUpdate)}`,
        fmt(s.ratio.twoTripsToFloor.cpu),
        `${fmt(s.withRelease.cpuMsPerUpdate.total!)} ${byProcess(s.withRelease.cpuMsPerUpdate)}`,
        fmt(s.ratio.withReleaseToFloor.cpu),
        fmt(s.ratio.projectToWithRelease.cpu),
        `${s.twoTrips.p50Ms.median} / ${s.withRelease.p50Ms.median}`,
        JSON.stringify({ ...s.twoTrips.failures, ...Object.fromEntries(Object.entries(s.withRelease.failures).map(([k, v]) => [`${k} +release`, v])) }),
      ]);
    }
  }
  printRows(rows);
}
