// Lets Node scripts import the Fluent catalogs (`import x from "./zh/common.ftl" with { type: "text" }`)
// as text, as esbuild's text loader does in the Worker build (Node 22 has no text imports of its own):
// `node --import ./scripts/lib/register-ftl.ts …`. A script may run any Worker's code (the bench runs the
// jobs' and the webhook's), so `#catalogs` is every catalog here, as in the tests (vitest's alias).
import { register } from "node:module";

const ALL_CATALOGS = new URL("../../lib/locales/all-catalogs.ts", import.meta.url).href;

register(
  "data:text/javascript," +
    encodeURIComponent(`
      import { readFile } from "node:fs/promises";
      export async function resolve(specifier, context, next) {
        return specifier === "#catalogs" ? { url: ${JSON.stringify(ALL_CATALOGS)}, shortCircuit: true } : next(specifier, context);
      }
      export async function load(url, context, next) {
        if (!url.endsWith(".ftl")) return next(url, context);
        const text = await readFile(new URL(url), "utf8");
        return { format: "module", source: "export default " + JSON.stringify(text) + ";", shortCircuit: true };
      }`),
);
