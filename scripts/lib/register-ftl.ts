// Lets Node scripts import the Fluent catalogs (`import x from "./zh/common.ftl" with { type: "text" }`)
// as text, as esbuild's text loader does in the Worker build (Node 22 has no text imports of its own):
// `node --import ./scripts/lib/register-ftl.ts …`.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
      import { readFile } from "node:fs/promises";
      export async function load(url, context, next) {
        if (!url.endsWith(".ftl")) return next(url, context);
        const text = await readFile(new URL(url), "utf8");
        return { format: "module", source: "export default " + JSON.stringify(text) + ";", shortCircuit: true };
      }`),
);
