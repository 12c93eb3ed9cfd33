// What sqld costs per HTTP request before any real work (README, Performance): its CPU per request, read
// from /proc, for requests that run a trivial statement, alone, in a batch of 1 or 25, and on a stream
// kept open across requests (no new SQLite connection per request). One client, one request at a time.
//   npm run bench:sqld [requests per case, default 1000]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type InStatement } from "@libsql/client/http";
import { processCpu } from "./lib/processes.ts";
import { startSqld } from "./lib/sqld.ts";

const requests = Number(process.argv[2] ?? 1000);
const dataDir = mkdtempSync(join(tmpdir(), "desk-sqld-cost-"));
const sqld = await startSqld({ dataDir, quiet: true });
/** sqld's CPU so far, ms. */
const cpuMs = () => processCpu(sqld.process.pid!)!.cpuMs;
const client = createClient({ url: sqld.url });
try {
  await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)");
  await client.execute("INSERT INTO t (a) VALUES ('x')");
  const one: InStatement = { sql: "SELECT * FROM t WHERE id = ?", args: [1] };
  const measure = async (label: string, send: () => Promise<unknown>) => {
    for (let i = 0; i < 50; i++) await send();
    const before = cpuMs();
    const started = performance.now();
    for (let i = 0; i < requests; i++) await send();
    console.log(`${label.padEnd(44)} sqld ${((cpuMs() - before) / requests).toFixed(2)} ms CPU per request, ${((performance.now() - started) / requests).toFixed(2)} ms wall`);
  };
  await measure("a lone statement (its own stream)", () => client.execute(one));
  await measure("a read batch of 1 statement", () => client.batch([one], "read"));
  await measure("a read batch of 25 statements", () => client.batch(Array(25).fill(one), "read"));
  const stream = await client.transaction("deferred");
  await measure("1 statement on a stream kept open", () => stream.execute(one));
  await stream.rollback();
  console.log(`load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  client.close();
  await sqld.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
