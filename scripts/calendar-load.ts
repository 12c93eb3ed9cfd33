// npm run calendar:load -- <file.json|file.csv> [--dry-run]
// Loads a year's official holiday schedule into a running Worker through its admin API, without a
// release: WORKER_URL (default http://127.0.0.1:8787) and ADMIN_API_TOKEN. --dry-run shows the diff only.
import { readFileSync } from "node:fs";

const file = process.argv[2];
const dryRun = process.argv.includes("--dry-run");
const token = process.env.ADMIN_API_TOKEN;
if (!file || !token) {
  console.error("usage: ADMIN_API_TOKEN=… [WORKER_URL=…] npm run calendar:load -- <schedule.json|schedule.csv> [--dry-run]");
  process.exit(2);
}
const url = new URL(`/admin/calendar${dryRun ? "?dry_run=1" : ""}`, process.env.WORKER_URL ?? "http://127.0.0.1:8787");
const response = await fetch(url, {
  method: "POST",
  headers: { authorization: `Bearer ${token}`, "content-type": file.endsWith(".csv") ? "text/csv" : "application/json" },
  body: readFileSync(file, "utf8"),
});
console.log(JSON.stringify(await response.json(), null, 2));
process.exit(response.ok ? 0 : 1);
