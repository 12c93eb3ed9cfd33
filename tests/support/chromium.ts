// The browser of the e2e tests: Debian's own Chromium (/usr/bin/chromium), driven by playwright-core
// (which downloads no browser of its own). When it is missing, the e2e setup installs it with apt;
// when that is impossible it throws, so a browser test is never skipped without a word.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

export interface ChromiumInfo {
  path: string;
  version: string;
  /** How long the apt install took, or null when Chromium was already there. */
  installMs: number | null;
}

const log = (line: string) => console.log(`[e2e chromium] ${line}`);

function apt(args: string[]): { ok: boolean; output: string } {
  log(`$ apt-get ${args.join(" ")}`);
  const run = spawnSync("apt-get", args, {
    encoding: "utf8",
    // Noninteractive, and waits for another apt/dpkg run instead of failing on its lock.
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}${run.error ? String(run.error) : ""}`;
  // The last lines say what was installed, or why not; the whole log would drown the test output.
  for (const line of output.trimEnd().split("\n").slice(-6)) log(`  ${line}`);
  return { ok: run.status === 0, output };
}

/** Whether fontconfig knows a font with Chinese glyphs (without one the zh screenshots show empty boxes). */
function hasChineseFont(): boolean {
  const probe = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return probe.status === 0 && probe.stdout.trim().length > 0;
}

function install(packages: string[]): void {
  if (process.getuid?.() !== 0) {
    throw new Error(`${packages.join(" ")} missing and this process is not root, so it cannot install them. Run: sudo apt-get install -y ${packages.join(" ")}`);
  }
  // No recommends: they would pull in systemd, avahi, CUPS helpers and perl (131 packages, not 25).
  const installArgs = ["install", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=120", ...packages];
  let result = apt(installArgs);
  if (!result.ok && /Unable to locate package|has no installation candidate|Failed to fetch/i.test(result.output)) {
    log("the package lists look missing or stale: apt-get update, then again");
    const update = apt(["update", "-q"]);
    // A failed update is the reason to report (e.g. no network), not the install before it.
    result = update.ok ? apt(installArgs) : update;
  }
  if (!result.ok || !existsSync(CHROMIUM_PATH)) {
    throw new Error(`${packages.join(" ")} could not be installed with apt (the e2e tests need ${CHROMIUM_PATH}):\n${result.output.trimEnd().split("\n").slice(-15).join("\n")}`);
  }
}

/** Chromium at /usr/bin/chromium, installed first when missing; throws when it cannot be. */
export function ensureChromium(): ChromiumInfo {
  let installMs: number | null = null;
  // A small Chinese font (4 MB) comes along when none is there: the zh pages must be readable in the screenshots.
  const packages = [...(existsSync(CHROMIUM_PATH) ? [] : ["chromium"]), ...(hasChineseFont() ? [] : ["fonts-wqy-microhei"])];
  if (packages.length === 1 && packages[0] === "fonts-wqy-microhei" && process.getuid?.() !== 0) {
    // Only the font is missing and it cannot be installed: the tests still run; the zh screenshots show boxes.
    log("no Chinese font and not root: the zh screenshots will show empty boxes (apt-get install fonts-wqy-microhei)");
    packages.length = 0;
  }
  if (packages.length > 0) {
    log(`missing: ${packages.join(", ")}; installing with apt`);
    const started = performance.now();
    install(packages);
    installMs = Math.round(performance.now() - started);
    log(`installed in ${(installMs / 1000).toFixed(1)} s`);
  }
  const probe = spawnSync(CHROMIUM_PATH, ["--version"], { encoding: "utf8" });
  const version = (probe.stdout ?? "").trim();
  if (probe.status !== 0 || !version) {
    throw new Error(`${CHROMIUM_PATH} does not run (exit ${probe.status}): ${(probe.stderr ?? String(probe.error ?? "")).trim()}`);
  }
  log(version);
  return { path: CHROMIUM_PATH, version, installMs };
}

/** A headless Chromium for one test file (close it in afterAll). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 30_000 });
}
