// Where the webhook's CPU goes: the Worker's own app (workers/app.ts) in Node, against a real sqld and
// the fake Bot API, driven with the bench's four step kinds one update at a time, under the V8 profiler
// (only the driven loop). Prints self time by part (package or project folder) and the top functions.
//   node --import ./scripts/lib/register-ftl.ts scripts/profile-webhook.ts [rounds]   (npm run profile:webhook)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../db/client.ts";
import { startFakeTelegram } from "./fake-telegram/server.ts";
import { BENCH_CASE_LINK_SECRET, BENCH_SECRET, BENCH_TOKEN, FIRST_USER, callback, message, seedBase, seedInvestors, seedSessions } from "./lib/bench-webhook.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { startSqld } from "./lib/sqld.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// The Worker's code is typechecked with the Workers' types (tsconfig.json), not this script's: imported by a computed name.
const appModule = "../workers/app.ts";
const { app } = (await import(appModule)) as { app: { fetch(request: Request, env: object, ctx: object): Promise<Response> } };

const rounds = Number(process.argv[2] ?? 3);
const users = 50;
const dataDir = mkdtempSync(join(tmpdir(), "desk-profile-"));
const sqld = await startSqld({ dataDir, quiet: true });
const fake = await startFakeTelegram({ token: BENCH_TOKEN });
const session = new Session();
try {
  await applyMigrations(sqld.url);
  const handle = openDb({ url: sqld.url });
  await seedBase(handle);
  await seedInvestors(handle, users);
  const env = { TELEGRAM_BOT_TOKEN: BENCH_TOKEN, TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET, TELEGRAM_API_ROOT: fake.url, CASE_LINK_SECRET: BENCH_CASE_LINK_SECRET, LIBSQL_URL: sqld.url, PUBLIC_BASE_URL: "http://127.0.0.1" };
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException: () => {}, props: {} };
  const post = async (update: object) => {
    const response = await app.fetch(
      new Request("http://127.0.0.1/telegram/webhook", { method: "POST", headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": BENCH_SECRET }, body: JSON.stringify(update) }),
      env,
      ctx,
    );
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${await response.text()}`);
    await Promise.all(pending.splice(0));
  };
  const ids = Array.from({ length: users }, (_, i) => FIRST_USER + i);
  const round = async () => {
    for (const u of ids) await post(message(u, "/start"));
    await seedSessions(handle, users, { flow: "form", form: { form: "policy", path: ["policy"], draft: { policy: "Zero-tariff policy" }, at: "question" } });
    for (const u of ids) await post(message(u, "Does a lease of imported equipment qualify for the zero tariff?"));
    for (const u of ids) await post(callback(u, "form:ok:policy"));
    const open = await handle.client.execute(`SELECT id FROM cases WHERE status = 'received' LIMIT ${users}`);
    await handle.client.execute(`UPDATE cases SET owner_id = 'bench-sp-0', status = 'assigned' WHERE status = 'received'`);
    for (const row of open.rows) await post(callback(900000, `sp:ack:${row.id}`));
  };
  await round(); // warm: the profile is of a warm isolate, as in the bench
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  const started = performance.now();
  for (let r = 0; r < rounds; r++) await round();
  const wallMs = performance.now() - started;
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  summarize(profile, rounds * users * 4, wallMs);
} finally {
  session.disconnect();
  await fake.close();
  await sqld.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The part of the code a frame belongs to: a package, a project folder, or V8's own bucket. */
function partOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node internals";
  const own = /\/(lib|domain|db|bots|workers|scripts)\//.exec(url);
  return own ? `${own[1]}/` : url;
}

function summarize(profile: Profile, updates: number, wallMs: number) {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPart = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    total += us;
    const part = partOf(url, functionName);
    byPart.set(part, (byPart.get(part) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${part}${url ? `:${lineNumber + 1}` : ""}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  // The driver, the fake Bot API and sqld's client in this script run in the same process: shown, not hidden.
  console.log(`${updates} updates in ${Math.round(wallMs)} ms; busy CPU in this process ${(total / 1000 / updates).toFixed(2)} ms per update (driver and fake API included)`);
  const top = (map: Map<string, number>, count: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000 / updates).toFixed(3)} ms/update  ${name}`).join("\n");
  console.log(`self time by part:\n${top(byPart, 20)}`);
  console.log(`top functions:\n${top(byFunction, 25)}`);
}
