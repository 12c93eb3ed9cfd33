// npm run build — bundles the Worker offline exactly as `wrangler deploy` would (minified) into
// dist/, and prints its raw and gzip size against the 150 KiB gzip budget.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BUDGET_GZIP_KIB = 150;

export function bundleWorker(outdir = `${ROOT}dist`): { rawBytes: number; gzipBytes: number } {
  rmSync(outdir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [`${ROOT}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--minify", "--outdir", outdir],
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
  const { rawBytes, gzipBytes } = bundleWorker();
  const kib = (n: number) => (n / 1024).toFixed(1);
  console.log(`bundle: ${kib(rawBytes)} KiB raw, ${kib(gzipBytes)} KiB gzip (budget ${BUDGET_GZIP_KIB} KiB gzip)`);
  if (gzipBytes > BUDGET_GZIP_KIB * 1024) {
    console.error("bundle over budget");
    process.exit(1);
  }
}
