// npm run build — bundles the three Workers offline exactly as `wrangler deploy` would (minified) into
// dist/ (the bot), dist-web/ (the supervisors' web) and dist-jobs/ (the cron and queue consumer), prints each one's raw and gzip size against
// the 150 KiB gzip budget, which each Worker must meet on its own, and fails (exit 1) when one does
// not. `node scripts/build.ts --report` also lists each Worker's largest contributors (gzip-attributed).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bundleReport } from "./lib/bundle-report.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUDGET_GZIP_KIB = 150;

export const WORKERS = [
  { name: "bot", config: "wrangler.toml", outdir: `${ROOT}dist` },
  { name: "web", config: "workers/web/wrangler.toml", outdir: `${ROOT}dist-web` },
  { name: "jobs", config: "workers/jobs/wrangler.toml", outdir: `${ROOT}dist-jobs` },
] as const;

export function bundleWorker(config = "wrangler.toml", outdir = `${ROOT}dist`): { rawBytes: number; gzipBytes: number } {
  rmSync(outdir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [`${ROOT}node_modules/wrangler/bin/wrangler.js`, "deploy", "--config", config, "--dry-run", "--minify", "--outdir", outdir],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" } },
  );
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of readdirSync(outdir)) {
    if (!/\.(m?js|ftl|txt|wasm)$/.test(file)) continue;
    const body = readFileSync(`${outdir}/${file}`);
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { rawBytes, gzipBytes };
}

export interface BuildOptions {
  workers?: readonly { name: string; config: string; outdir: string }[];
  budgetKiB?: number;
  report?: boolean;
  log?: (line: string) => void;
  error?: (line: string) => void;
}

/** The Workers over the gzip budget, by name. */
export const overBudget = (sizes: readonly { name: string; gzipBytes: number }[], budgetKiB: number): string[] =>
  sizes.filter((size) => size.gzipBytes > budgetKiB * 1024).map((size) => size.name);

/** Builds the Workers; the exit code is 1 when any is over the gzip budget. */
export function build({ workers = WORKERS, budgetKiB = BUDGET_GZIP_KIB, report = false, log = console.log, error = console.error }: BuildOptions = {}): number {
  const kib = (n: number) => (n / 1024).toFixed(1);
  const sizes: { name: string; gzipBytes: number }[] = [];
  for (const worker of workers) {
    const { rawBytes, gzipBytes } = bundleWorker(worker.config, worker.outdir);
    log(`bundle ${worker.name}: ${kib(rawBytes)} KiB raw, ${kib(gzipBytes)} KiB gzip (budget ${budgetKiB} KiB gzip)`);
    sizes.push({ name: worker.name, gzipBytes });
    if (report) {
      for (const part of bundleReport(worker.outdir).slice(0, 15)) {
        log(`  ${kib(part.gzipBytes).padStart(6)} KiB gzip ${kib(part.rawBytes).padStart(6)} KiB raw  ${part.name}`);
      }
    }
  }
  const over = overBudget(sizes, budgetKiB);
  for (const name of over) error(`bundle ${name} is over its ${budgetKiB} KiB gzip budget`);
  return over.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = build({ report: process.argv.includes("--report") });
}
