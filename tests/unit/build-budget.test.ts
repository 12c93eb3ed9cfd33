// `npm run build` fails when a Worker is over its gzip budget (CI runs it): the script's own check.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUDGET_GZIP_KIB, build, overBudget } from "../../scripts/build.ts";

const outdir = mkdtempSync(join(tmpdir(), "desk-build-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the bundle budget", () => {
  it("is 150 KiB gzip for each Worker", () => {
    expect(BUDGET_GZIP_KIB).toBe(150);
  });

  it("names each Worker over it, and only those", () => {
    const sizes = [
      { name: "bot", gzipBytes: 150 * 1024 + 1 },
      { name: "web", gzipBytes: 150 * 1024 },
    ];
    expect(overBudget(sizes, 150)).toEqual(["bot"]);
    expect(overBudget(sizes, 151)).toEqual([]);
  });

  it("fails the build (exit code 1) and says which Worker is over", { timeout: 120_000 }, () => {
    const log: string[] = [];
    const errors: string[] = [];
    const code = build({
      workers: [{ name: "web", config: "workers/web/wrangler.toml", outdir }],
      budgetKiB: 10,
      log: (line) => log.push(line),
      error: (line) => errors.push(line),
    });
    expect(code).toBe(1);
    expect(log[0]).toMatch(/^bundle web: [\d.]+ KiB raw, [\d.]+ KiB gzip \(budget 10 KiB gzip\)$/);
    expect(errors).toEqual(["bundle web is over its 10 KiB gzip budget"]);
  });
});
