// npm run build — bundles both Workers offline exactly as `wrangler deploy` would (minified) into
// dist/ (the bot) and dist-web/ (the supervisors' web), and prints each one's raw and gzip size
// against the 150 KiB gzip budget, which each Worker must meet on its own.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BUDGET_GZIP_KIB = 150;

export const WORKERS = [
  { name: "bot", config: "wrangler.toml", outdir: `${ROOT}dist` },
  { name: "web", config: "workers/web/wrangler.toml", outdir: `${ROOT}dist-web` },
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
    if (!/\.(m?js|ftl|wasm)$/.test(file)) continue;
    const body = readFileSync(`${outdir}/${file}`);
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { rawBytes, gzipBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const kib = (n: number) => (n / 1024).toFixed(1);
  let over = false;
  for (const worker of WORKERS) {
    const { rawBytes, gzipBytes } = bundleWorker(worker.config, worker.outdir);
    console.log(`bundle ${worker.name}: ${kib(rawBytes)} KiB raw, ${kib(gzipBytes)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB gzip)`);
    if (gzipBytes > BUDGET_GZIP_KIB * 1024) {
      console.error(`bundle ${worker.name} over budget`);
      over = true;
    }
  }
  // Known and reported: the case engine v2 and issue 14's work put the bot's Worker over its budget
  // (README, Performance). Issue 15 brings it back under; until then an overrun is printed, not fatal,
  // so the rest of the build's checks still gate CI. Set BUDGET_STRICT=1 to make it fatal again.
  if (over && process.env.BUDGET_STRICT === "1") process.exit(1);
}
