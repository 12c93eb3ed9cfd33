// npm run bench — figures for the README, against real parts on this machine: sqld, the Worker's
// own job code, the fake Telegram API enforcing Telegram's limits, and the production bundle.
// Writes bench/results.json and prints a table. Never part of `npm test`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import { openDb, type DbHandle } from "../db/client.ts";
import { beijingDate, instantOfBeijing } from "../domain/calendar.ts";
import { loadFigures } from "../db/queries/figures.ts";
import { ledgerCsv } from "../workers/web/ledger.ts";
import { alertsJob } from "../workers/jobs/alerts.ts";
import { Pacer, TELEGRAM_PACE } from "../workers/outbox/pacer.ts";
import { drainOutbox } from "../workers/outbox/sender.ts";
import { bundleWorker, WORKERS } from "./build.ts";
import { startFakeTelegram } from "./fake-telegram/server.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { startSqld } from "./lib/sqld.ts";
import { benchWebhook, NO_REDELIVERY_UP_TO, redeliveries, seedBase } from "./lib/bench-webhook.ts";

const NOW = instantOfBeijing("2026-03-10", "09:05:00");
const DAY = 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `open` open cases, of which the last 100 have an alert due at NOW; the rest next look in a month. */
async function seedCases(handle: DbHandle, open: number) {
  await handle.client.batch(["DELETE FROM case_events", "DELETE FROM outbox", "DELETE FROM supervision_notices", "DELETE FROM case_obligations", "DELETE FROM cases"], "write");
  const rowsPerStatement = 500;
  for (let start = 0; start < open; start += rowsPerStatement * 10) {
    const statements: string[] = [];
    for (let chunk = start; chunk < Math.min(open, start + rowsPerStatement * 10); chunk += rowsPerStatement) {
      const values: string[] = [];
      const owed: string[] = [];
      for (let i = chunk; i < Math.min(open, chunk + rowsPerStatement); i++) {
        const due = i >= open - 100;
        const received = NOW - (due ? 3 : 1) * DAY;
        const nextAlert = due ? NOW - 60_000 : NOW + 30 * DAY;
        values.push(
          `('c${i}', 'BENCH-${i}', 'bench-firm', 'urgent', 'assigned', '海关通关受阻', '{}', 'bench-sp-${i % 100}', ${received}, ${received + DAY}, ${received + 3 * DAY}, ${nextAlert}, ${received})`,
        );
        // An urgent appeal's obligations: the due ones are overdue (reminders and a draft each).
        for (const [obligation, dueAt] of [["first_response", received + DAY], ["assessment", received + DAY], ["hearing_held", received + 3 * DAY]] as const) {
          owed.push(`('c${i}', '${obligation}', 1, 'working_days', ${dueAt}, ${dueAt}, 'open')`);
        }
      }
      statements.push(
        `INSERT INTO cases (id, ref, firm_id, kind, status, summary, details, owner_id, received_at, first_response_due_at, resolution_due_at, next_alert_at, updated_at) VALUES ${values.join(",")}`,
        `INSERT INTO case_obligations (case_id, obligation, cycle, clock, due_at, original_due_at, state) VALUES ${owed.join(",")}`,
      );
    }
    await handle.client.batch(statements, "write");
  }
}

const CRON_RUNS = 7;

async function benchCron(url: string) {
  const results: Record<string, { openCases: number; dueCases: number; medianMs: number; runs: number[]; dbRoundTrips: number; alerts: number }> = {};
  for (const open of [1_000, 10_000, 100_000]) {
    const setup = openDb({ url });
    await seedCases(setup, open);
    const runs: number[] = [];
    let roundTrips = 0;
    let alerts = 0;
    // Run 0 warms the code (JIT) and sqld's page cache for this size: not counted.
    for (let run = -1; run < CRON_RUNS; run++) {
      // Each run finds the same 100 cases due: put them back as they were.
      await setup.client.batch(
        ["DELETE FROM outbox", "DELETE FROM case_events", "DELETE FROM supervision_notices", `UPDATE cases SET next_alert_at = ${NOW - 60_000}, escalation_level = 0 WHERE rowid > (SELECT max(rowid) - 100 FROM cases)`],
        "write",
      );
      const handle = openDb({ url });
      const started = performance.now();
      const report = await alertsJob.run({ handle, settings: {} as never, now: NOW, cron: "bench" });
      if (run >= 0) runs.push(performance.now() - started);
      roundTrips = handle.roundTrips();
      alerts = report.alerts ?? 0;
    }
    results[`${open}`] = { openCases: open, dueCases: 100, medianMs: Math.round(median(runs)), runs: runs.map(Math.round), dbRoundTrips: roundTrips, alerts };
    console.log(`cron: ${open} open cases, 100 due → median ${Math.round(median(runs))} ms (${roundTrips} DB round trips, ${alerts} alerts)`);
  }
  // The ratio of each run at 100k to the same-numbered run at 1k, as a median with its spread (the machine is shared: noisy).
  const pairs = results["100000"]!.runs.map((ms, i) => ms / results["1000"]!.runs[i]!).sort((x, y) => x - y);
  const ratio100kTo1k = { median: +median(pairs).toFixed(2), min: +pairs[0]!.toFixed(2), max: +pairs.at(-1)!.toFixed(2), ofMedians: +(results["100000"]!.medianMs / results["1000"]!.medianMs).toFixed(2) };
  return { byOpenCases: results, ratio100kTo1k };
}

/**
 * The supervisors' web over a period holding 1k / 10k / 100k cases: the figures' query (one read round
 * trip) and the ledger's CSV export (at most 10,000 rows: all 100k cases match, so that run measures the refusal).
 */
async function benchFigures(url: string) {
  const results: Record<string, { casesInPeriod: number; medianMs: number; dbRoundTrips: number; csvMs: number; csvRows: number | null }> = {};
  const viewer = { id: "bench-sp-0", name: "专员0", role: "bizenv", unitId: "bench-unit", unitZh: "", unitEn: "", seesAll: true, csrf: "" };
  const period = { from: beijingDate(NOW - 90 * DAY), to: beijingDate(NOW) };
  for (const count of [1_000, 10_000, 100_000]) {
    await seedCases(openDb({ url }), count);
    const runs: number[] = [];
    let roundTrips = 0;
    for (let run = 0; run < 5; run++) {
      const handle = openDb({ url });
      const started = performance.now();
      const figures = await loadFigures(handle, {}, period, NOW);
      runs.push(performance.now() - started);
      roundTrips = handle.roundTrips();
      if (figures.total.received !== count) throw new Error(`figures counted ${figures.total.received} of ${count} cases`);
    }
    const started = performance.now();
    const csv = await ledgerCsv(openDb({ url }), viewer, { overdue: false, page: 1 }, NOW);
    const csvMs = Math.round(performance.now() - started);
    const csvRows = csv === undefined ? null : csv.trimEnd().split("\r\n").length - 1;
    results[`${count}`] = { casesInPeriod: count, medianMs: Math.round(median(runs)), dbRoundTrips: roundTrips, csvMs, csvRows };
    console.log(`figures: ${count} cases in the period → median ${Math.round(median(runs))} ms (${roundTrips} DB round trip); ledger CSV ${csvRows === null ? "refused (over 10,000 rows)" : `${csvRows} rows`} in ${csvMs} ms`);
  }
  return results;
}

/** Drains 600 messages to 60 chats with the pacer at `pacePerSecond` overall, against a fake that enforces Telegram's limits. */
async function benchOutbox(url: string, pacePerSecond: number) {
  const fake = await startFakeTelegram({ limits: { globalPerSecond: 30, privatePerSecond: 1, groupPerMinute: 20 } });
  const handle = openDb({ url });
  await handle.client.batch(["DELETE FROM outbox"], "write");
  const now = Date.now();
  const values = Array.from({ length: 600 }, (_, i) => `('bench:${i}', ${800000 + (i % 60)}, 'private', 'sendMessage', '{"text":"提醒 ${i}"}', 'pending', 0, ${now}, ${now})`);
  await handle.client.execute(`INSERT INTO outbox (dedupe_key, chat_id, chat_kind, method, payload, status, attempts, next_attempt_at, created_at) VALUES ${values.join(",")}`);
  const api = new Api(fake.token, { apiRoot: fake.url });
  const started = performance.now();
  let sent = 0;
  while (sent < 600 && performance.now() - started < 120_000) {
    const pacer = new Pacer({ ...TELEGRAM_PACE, globalPerSecond: pacePerSecond });
    const report = await drainOutbox(openDb({ url }), api, Date.now(), { limit: 600, budgetMs: 60_000, pacer });
    sent += report.sent;
  }
  const seconds = (performance.now() - started) / 1000;
  const calls = fake.calls({ method: "sendMessage" });
  await fake.close();
  const rate = sent / seconds;
  const result = {
    pacePerSecond,
    messages: 600,
    chats: 60,
    sent,
    seconds: +seconds.toFixed(2),
    ratePerSecond: +rate.toFixed(2),
    shareOfTelegramLimit30: +(rate / 30).toFixed(3),
    shareOfPace: +(rate / pacePerSecond).toFixed(3),
    responses429: calls.filter((c) => c.status === 429).length,
  };
  console.log(`outbox at pace ${pacePerSecond}/s: ${sent}/600 to 60 chats in ${result.seconds} s = ${result.ratePerSecond}/s (${Math.round(result.shareOfTelegramLimit30 * 100)}% of 30/s), 429s: ${result.responses429}`);
  return result;
}

const dataDir = mkdtempSync(join(tmpdir(), "desk-bench-"));
const sqld = await startSqld({ dataDir, quiet: true });
try {
  await applyMigrations(sqld.url);
  await seedBase(openDb({ url: sqld.url }));
  // BENCH_ONLY=bundle|cron|figures|outbox|webhook runs one part, for quick checks; only a full run writes the results.
  const only = process.env.BENCH_ONLY;
  const wanted = (part: string) => !only || only === part;
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", node: process.version, loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)) },
  };
  if (wanted("bundle")) {
    const bundles: Record<string, { rawKiB: number; gzipKiB: number }> = {};
    for (const worker of WORKERS) {
      const bundle = bundleWorker(worker.config, join(dataDir, `dist-${worker.name}`));
      bundles[worker.name] = { rawKiB: +(bundle.rawBytes / 1024).toFixed(1), gzipKiB: +(bundle.gzipBytes / 1024).toFixed(1) };
      console.log(`bundle ${worker.name}: ${bundles[worker.name]!.rawKiB} KiB raw, ${bundles[worker.name]!.gzipKiB} KiB gzip`);
    }
    results.bundle = bundles;
  }
  if (wanted("cron")) {
    const cron = await benchCron(sqld.url);
    results.cron = cron;
    console.log(`cron: 100k ÷ 1k tick time = ${cron.ratio100kTo1k.median} (min ${cron.ratio100kTo1k.min}, max ${cron.ratio100kTo1k.max}; ratio of medians ${cron.ratio100kTo1k.ofMedians})`);
  }
  if (wanted("outbox")) {
    // Production paces at 25/s (issue #5), leaving room for webhook replies, which bypass the outbox;
    // at 30/s the same pacer shows how close it gets to Telegram's own limit without a 429.
    results.outbox = { production: await benchOutbox(sqld.url, TELEGRAM_PACE.globalPerSecond), atTelegramLimit: await benchOutbox(sqld.url, 30) };
  }
  if (wanted("figures")) results.figures = await benchFigures(sqld.url);
  if (wanted("webhook")) {
    // BENCH_RUNS, BENCH_UPDATES and BENCH_CONCURRENCY (comma-separated) shorten a development run;
    // BENCH_FLOOR_DB=0 leaves out the floor + database (bench/floor-db/).
    results.webhook = await benchWebhook(sqld.url, sqld.process.pid!, dataDir, {
      runs: Number(process.env.BENCH_RUNS ?? 5),
      updates: Number(process.env.BENCH_UPDATES ?? 200),
      concurrency: (process.env.BENCH_CONCURRENCY ?? "1,20").split(",").map(Number),
      floorDb: process.env.BENCH_FLOOR_DB !== "0",
    });
  }
  if (only) {
    console.log(JSON.stringify(results, null, 1));
  } else {
    mkdirSync("bench", { recursive: true });
    writeFileSync("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
    console.log("written: bench/results.json");
  }
  // An update answered other than 200 is redelivered by Telegram, and the person waits: none under ordinary load.
  const failed = results.webhook ? redeliveries((results.webhook as { byConcurrency: Parameters<typeof redeliveries>[0] }).byConcurrency) : [];
  if (failed.length > 0) {
    console.error(`FAILED: updates answered other than 200 at ${NO_REDELIVERY_UP_TO} concurrent or fewer (Telegram would redeliver them):\n  ${failed.join("\n  ")}`);
    process.exitCode = 1;
  }
} finally {
  await sqld.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
