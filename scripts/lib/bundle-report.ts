// Which packages and modules make a built Worker's size, gzip-attributed: every byte of the minified
// bundle is traced through its source map to the module it came from; each group's bytes are gzipped
// together and the shares scaled to the bundle's real gzip size (gzip of a part alone overstates it).
// Modules the bundle keeps as separate files (e.g. Text rules) are groups of their own.
import { decode } from "@jridgewell/sourcemap-codec";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export interface Contributor {
  name: string;
  rawBytes: number;
  gzipBytes: number;
}

/** `node_modules/@scope/pkg/…` → `@scope/pkg`; our own modules by folder (`workers/web`, `bots/features`, `lib`). */
export function groupOf(source: string): string {
  const path = source.replace(/^(\.\.\/)+/, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1] === "src" ? "drizzle-orm" : pkg[1]!; // drizzle-orm maps to its own src/
  if (path.endsWith(".ftl")) return "Fluent catalogs (.ftl)";
  const parts = path.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function attribute(code: string, mapJson: string, groupBy: (source: string) => string): Map<string, string[]> {
  const map = JSON.parse(mapJson) as { sources: string[]; mappings: string };
  const lines = code.split("\n");
  const decoded = decode(map.mappings);
  const parts = new Map<string, string[]>();
  const add = (name: string, text: string) => {
    if (!text) return;
    const list = parts.get(name) ?? [];
    list.push(text);
    parts.set(name, list);
  };
  lines.forEach((line, index) => {
    const segments = decoded[index] ?? [];
    let cursor = 0;
    let owner = "(unmapped)";
    for (const segment of segments) {
      add(owner, line.slice(cursor, segment[0]));
      cursor = segment[0];
      owner = segment.length > 1 ? groupBy(map.sources[segment[1]!]!) : "(unmapped)";
    }
    add(owner, line.slice(cursor) + "\n");
  });
  return parts;
}

/** The contributors of the Worker built into `outdir` (its `index.js`, `index.js.map` and side modules), largest first. */
export function bundleReport(outdir: string, groupBy: (source: string) => string = groupOf): Contributor[] {
  const code = readFileSync(`${outdir}/index.js`, "utf8");
  const parts = attribute(code, readFileSync(`${outdir}/index.js.map`, "utf8"), groupBy);
  const mainGzip = gzipSync(code, { level: 9 }).length;
  const alone = [...parts].map(([name, texts]) => {
    const text = texts.join("");
    return { name, rawBytes: Buffer.byteLength(text), gzipAlone: gzipSync(text, { level: 9 }).length };
  });
  const sumAlone = alone.reduce((sum, part) => sum + part.gzipAlone, 0);
  const contributors: Contributor[] = alone.map(({ name, rawBytes, gzipAlone }) => ({
    name,
    rawBytes,
    gzipBytes: Math.round((gzipAlone / sumAlone) * mainGzip),
  }));
  const sideModules = readdirSync(outdir).filter((file) => /\.(ftl|txt|wasm)$/.test(file));
  if (sideModules.length) {
    const bodies = sideModules.map((file) => readFileSync(`${outdir}/${file}`));
    contributors.push({
      name: "side modules (separate files)",
      rawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0),
    });
  }
  return contributors.sort((a, b) => b.gzipBytes - a.gzipBytes);
}
