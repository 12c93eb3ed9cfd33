// Each Worker's build carries only its own catalogs (lib/locales/catalogs.ts: the bot's; notice-catalogs.ts:
// the web Worker's, jobs-catalogs.ts: the jobs Worker's, by their "#catalogs" aliases), while the tests run with all. So this checks, from the
// sources, that every message a Worker's modules name is in that Worker's catalogs: a message moved to
// the other Worker's list would otherwise throw there in production only.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogs as botCatalogs } from "../../lib/locales/catalogs.ts";
import { catalogs as jobsCatalogs } from "../../lib/locales/jobs-catalogs.ts";
import { catalogs as noticeCatalogs } from "../../lib/locales/notice-catalogs.ts";
import { sharedCatalogs } from "../../lib/locales/shared-catalogs.ts";
import { webCatalogs } from "../../lib/locales/web-catalogs.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const keysOf = (sources: readonly string[]) => new Set(sources.flatMap((source) => [...source.matchAll(/^([a-z][\w-]*)\s*=/gm)].map(([, key]) => key!)));

/**
 * The modules a Worker's entry reaches through value imports (type-only imports are erased), and the
 * catalog files they import themselves (web-catalogs.ts, a translator of its own such as bots/notice-document.ts).
 */
function modulesFrom(entry: string): { modules: string[]; ftl: string[] } {
  const seen = new Set<string>();
  const ftl = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/^(?:import|export) (?!type )[^;]*?from "(\.[^"]+\.(?:ts|ftl))"/gms)) {
      const path = resolve(dirname(file), specifier!);
      if (path.endsWith(".ftl")) ftl.add(path);
      else visit(path);
    }
  };
  visit(resolve(ROOT, entry));
  return { modules: [...seen], ftl: [...ftl] };
}

/** Message keys a module names: quoted whole keys (with a hyphen), and the prefixes of keys it builds (`kind-${…}`). */
function namedKeys(files: string[], known: Set<string>) {
  const text = files.map((file) => readFileSync(file, "utf8")).join("\n");
  const literal = [...text.matchAll(/["'`]([a-z][a-z0-9_]*(?:-[a-z0-9_]+)+)["'`]/g)].map(([, key]) => key!).filter((key) => known.has(key));
  const prefixes = [...text.matchAll(/`([a-z][a-z0-9_]*(?:-[a-z0-9_]+)*-)\$\{/g)].map(([, prefix]) => prefix!).filter((prefix) => [...known].some((key) => key.startsWith(prefix)));
  return { literal: new Set(literal), prefixes: new Set(prefixes) };
}

/** Every message of every catalog file, listed or not. */
const all = keysOf(readdirSync(resolve(ROOT, "lib/locales/zh")).map((file) => readFileSync(resolve(ROOT, "lib/locales/zh", file), "utf8")));
/** A Worker's messages: its "#catalogs" list's, and those of the catalog files its modules import themselves. */
function workerOf(entry: string, catalogs: readonly string[]) {
  const { modules, ftl } = modulesFrom(entry);
  const own = keysOf([...catalogs, ...ftl.filter((file) => file.includes("/zh/")).map((file) => readFileSync(file, "utf8"))]);
  return { modules, own };
}

const workers = [
  ["bot", workerOf("workers/index.ts", botCatalogs.zh)],
  ["web", workerOf("workers/web/index.ts", noticeCatalogs.zh)],
  ["jobs", workerOf("workers/jobs/index.ts", jobsCatalogs.zh)],
] as const;

describe("each Worker's catalogs", () => {
  it.each(workers)("hold every message the %s Worker's modules name", (_, { modules, own }) => {
    const { literal, prefixes } = namedKeys(modules, all);
    expect(literal.size).toBeGreaterThan(50);
    expect([...literal].filter((key) => !own.has(key))).toEqual([]);
    expect([...prefixes].filter((prefix) => ![...own].some((key) => key.startsWith(prefix)))).toEqual([]);
  });

  it("leave out the other Workers' text: the bot's conversations from the web and the jobs, the case page from the bot, the cron's reminders and digests from both", () => {
    const [bot, web, jobs] = [workers[0][1].own, workers[1][1].own, workers[2][1].own];
    expect(web.has("privacy-notice")).toBe(false);
    expect(jobs.has("privacy-notice")).toBe(false);
    expect(bot.has("page-title")).toBe(false);
    expect(bot.has("api-rule-slug")).toBe(false);
    // The jobs Worker sends through grammY's Api alone: the bot's middleware (and its features' text) stays out.
    expect(workers[2][1].modules.filter((file) => file.endsWith("/bots/bot.ts"))).toEqual([]);
    for (const key of ["digest-title", "alert-overdue"]) {
      expect(jobs.has(key)).toBe(true);
      expect(bot.has(key) || web.has(key)).toBe(false);
    }
  });

  it("list every catalog file (but those a module imports itself), each once in a Worker's list, the shared ones in all three", () => {
    const lists = { bot: botCatalogs.zh, web: noticeCatalogs.zh, jobs: jobsCatalogs.zh };
    const listed = new Set<string>([...Object.values(lists).flat(), ...webCatalogs.zh]);
    const unlisted = readdirSync(resolve(ROOT, "lib/locales/zh")).filter((file) => !listed.has(readFileSync(resolve(ROOT, "lib/locales/zh", file), "utf8")));
    // Their own translators: the notice document's (bots/notice-document.ts), the command menu's (bots/commands.ts).
    expect(unlisted).toEqual(["commands.ftl", "notice-document.ftl"]);
    for (const list of Object.values(lists)) {
      expect(new Set(list).size).toBe(list.length);
      expect(list.slice(0, sharedCatalogs.zh.length)).toEqual([...sharedCatalogs.zh]);
    }
  });
});
