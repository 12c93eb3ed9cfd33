// npm run lint:openapi — the portal API's OpenAPI document, built by the same function the Worker
// serves /api/openapi.json with, checked by Redocly's recommended rules: any error or warning fails.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "../workers/openapi-document.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The local stack's base URL (npm start); a deployment puts its PUBLIC_BASE_URL there. */
const BASE_URL = "http://127.0.0.1:8787";

interface Problem {
  ruleId: string;
  severity: string;
  message: string;
  location: { pointer: string }[];
}

const dir = mkdtempSync(join(tmpdir(), "desk-openapi-"));
try {
  const file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(openApiDocument(BASE_URL), null, 2));
  const lint = spawnSync(process.execPath, [`${ROOT}node_modules/@redocly/cli/bin/cli.js`, "lint", file, "--extends", "recommended", "--format", "json"], {
    encoding: "utf8",
    // No telemetry and no update check: CI stays offline.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  let report: { totals: { errors: number; warnings: number }; problems: Problem[] };
  try {
    report = JSON.parse(lint.stdout);
  } catch {
    throw new Error(`redocly lint gave no report (exit ${lint.status}): ${lint.stderr}`);
  }
  // Redocly exits 0 on warnings; here a warning fails too.
  for (const p of report.problems) console.error(`${p.severity} ${p.ruleId}: ${p.message} (at ${p.location[0]?.pointer ?? "?"})`);
  const { errors, warnings } = report.totals;
  console.log(JSON.stringify({ event: "openapi_lint", ruleset: "recommended", errors, warnings }));
  process.exitCode = errors + warnings === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
