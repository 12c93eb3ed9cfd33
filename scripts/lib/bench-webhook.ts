// The webhook part of `npm run bench`: the Worker under wrangler dev, driven in a closed loop at
// 1, 20 and 100 concurrent updates per scenario; latency, throughput and CPU per update.
import { readdirSync, readFileSync } from "node:fs";
import { openDb, type DbHandle } from "../../db/client.ts";
import { startFakeTelegram } from "../fake-telegram/server.ts";
import { freePort } from "./ports.ts";
import { stopAll } from "./processes.ts";
import { startWorker } from "./worker.ts";

const DAY = 86_400_000;

const BENCH_TOKEN = "7000000009:BENCH_token_0123456789abcdefghij";
const BENCH_SECRET = "bench-webhook-secret-0123456789";
const BENCH_CASE_LINK_SECRET = "bench-case-link-secret-0123456789abcdef";
const FIRST_USER = 5_000_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Investors, each of their own firm (privacy accepted), and the sessions each scenario starts from. */
async function seedInvestors(handle: DbHandle, count: number) {
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

async function seedSessions(handle: DbHandle, count: number, state: object) {
  const json = JSON.stringify(state).replace(/'/g, "''");
  const values = Array.from({ length: count }, (_, i) => `(${FIRST_USER + i}, '${json}', 1, ${Date.now() + DAY}, 1)`);
  await handle.client.batch(["DELETE FROM sessions", `INSERT INTO sessions (telegram_id, state, version, expires_at, updated_at) VALUES ${values.join(",")}`], "write");
}

let updateSeq = 1_000_000;
const message = (user: number, text: string) => ({
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
const callback = (user: number, data: string) => ({
  update_id: updateSeq++,
  callback_query: {
    id: String(updateSeq),
    from: { id: user, is_bot: false, first_name: "Bench", language_code: "en" },
    chat_instance: "bench",
    data,
    message: { message_id: 1, date: 0, chat: { id: user, type: "private", first_name: "Bench" }, text: "…" },
  },
});

/** Posts `updates` with `concurrency` in flight; latency of each, and the throughput. */
async function drive(url: string, updates: object[], concurrency: number) {
  if (updates.length === 0) throw new Error("nothing to drive: the scenario's setup failed");
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < updates.length) {
        const update = updates[next++]!;
        const t0 = performance.now();
        const response = await fetch(`${url}/telegram/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": BENCH_SECRET },
          body: JSON.stringify(update),
        });
        await response.arrayBuffer();
        if (response.status !== 200) failures += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: updates.length, failures, p50Ms: +percentile(sorted, 50).toFixed(1), p99Ms: +percentile(sorted, 99).toFixed(1), perSecond: +(updates.length / seconds).toFixed(1) };
}

/** CPU time (ms, user + system) so far of the processes whose command is `name`, in process group `group` if given. */
function cpuMs(name: string, group?: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (comm !== name || (group !== undefined && Number(fields[2]) !== group)) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

export async function benchWebhook(sqlUrl: string, dataDir: string) {
  const fake = await startFakeTelegram({ token: BENCH_TOKEN });
  const port = await freePort();
  const worker = await startWorker({
    port,
    dataDir,
    logLevel: "error",
    vars: { TELEGRAM_BOT_TOKEN: BENCH_TOKEN, TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET, CASE_LINK_SECRET: BENCH_CASE_LINK_SECRET, TELEGRAM_API_ROOT: fake.url, LIBSQL_URL: sqlUrl, PUBLIC_BASE_URL: "http://127.0.0.1" },
  });
  const handle = openDb({ url: sqlUrl });
  const perLevel = 200;
  await seedInvestors(handle, perLevel);
  const results: Record<string, Record<string, unknown>> = {};
  const group = worker.managed.child.pid;
  /** A scenario's latencies, and CPU per update of workerd (wrangler's proxy and the Worker's isolate) and of sqld. */
  const measured = async (updates: object[], concurrency: number) => {
    const before = { workerd: cpuMs("workerd", group), sqld: cpuMs("sqld") };
    const result = await drive(worker.url, updates, concurrency);
    const per = (ms: number) => +(ms / updates.length).toFixed(2);
    return { ...result, cpuMsPerUpdate: { workerd: per(cpuMs("workerd", group) - before.workerd), sqld: per(cpuMs("sqld") - before.sqld) } };
  };
  try {
    // Warm the isolate first, as production traffic would.
    await drive(worker.url, Array.from({ length: 20 }, (_, i) => message(FIRST_USER + i, "/start")), 4);
    for (const concurrency of [1, 20, 100]) {
      console.log(`webhook: concurrency ${concurrency}…`);
      const users = Array.from({ length: perLevel }, (_, i) => FIRST_USER + i);
      const start = await measured(users.map((u) => message(u, "/start")), concurrency);
      await seedSessions(handle, perLevel, { flow: "form", form: { form: "policy", path: ["policy"], draft: { policy: "Zero-tariff policy" }, at: "question" } });
      const step = await measured(users.map((u) => message(u, "Does a lease of imported equipment qualify for the zero tariff?")), concurrency);
      const submit = await measured(users.map((u) => callback(u, "form:ok:policy")), concurrency);
      if (submit.failures || step.failures || start.failures) console.log(JSON.stringify({ start, step, submit }));
      const open = await handle.client.execute(`SELECT id FROM cases WHERE status = 'received' AND created_by >= ${FIRST_USER} LIMIT ${perLevel}`);
      await handle.client.execute(`UPDATE cases SET owner_id = 'bench-sp-0', status = 'assigned' WHERE status = 'received' AND created_by >= ${FIRST_USER}`);
      const action = await measured(open.rows.map((r) => callback(900000, `sp:ack:${r.id}`)), concurrency);
      results[`concurrency ${concurrency}`] = { start, intakeStep: step, submit, specialistAction: action };
      console.log(
        `webhook @${concurrency}: /start p50 ${start.p50Ms} p99 ${start.p99Ms} ms ${start.perSecond}/s · step p50 ${step.p50Ms} p99 ${step.p99Ms} · submit p50 ${submit.p50Ms} p99 ${submit.p99Ms} · action p50 ${action.p50Ms} p99 ${action.p99Ms} · workerd CPU/update ${start.cpuMsPerUpdate.workerd}/${step.cpuMsPerUpdate.workerd}/${submit.cpuMsPerUpdate.workerd}/${action.cpuMsPerUpdate.workerd} ms`,
      );
    }
  } finally {
    await stopAll([worker.managed]);
    await fake.close();
  }
  return { workerStartupMs: worker.startupMs, perScenarioRequests: perLevel, byConcurrency: results };
}
