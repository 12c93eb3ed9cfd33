// The portal API's OpenAPI document passes an outside linter: Redocly's recommended rules, no error
// and no warning (npm run lint:openapi, also run by .ci/run).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "./scripts/lib/register-ftl.ts", "scripts/lint-openapi.ts"]).catch((failed: { stdout: string; stderr: string }) => {
      throw new Error(`lint:openapi failed:\n${failed.stderr}\n${failed.stdout}`);
    });
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual({ event: "openapi_lint", ruleset: "recommended", errors: 0, warnings: 0 });
  });
});
