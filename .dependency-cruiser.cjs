// The layering of the code, checked by `npm run lint:deps` (in .ci/run):
//
//   domain  ←  lib  ←  db  ←  bots  ←  workers        (scripts/ and tests/ may import anything)
//
// domain: pure rules, imports nothing of ours. lib: shared infrastructure (crypto, logging,
// settings, the Fluent loader and catalogs). db: schema and queries. bots: the grammY bot.
// workers: both Workers (the webhook's orchestration, routes, cron jobs, the outbox, the web).
// A folder may import only from the folders to its left.

/** A rule forbidding `from` to import `to`, named and explained so a violation says what to do. */
const layer = (name, from, to, comment) => ({
  name,
  comment,
  severity: "error",
  from: { path: `^${from}/` },
  to: { path: `^(${to.join("|")})/` },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular-between-folders",
      comment:
        "No import cycle passes through two top-level folders (the layer rules below already forbid most; " +
        "this one also covers scripts/ and tests/). Cycles inside one folder are that folder's business.",
      severity: "error",
      from: { path: "^([^/]+)/" },
      to: { circular: true, via: { pathNot: "^$1/" } },
    },
    layer("domain-is-pure", "domain", ["lib", "db", "bots", "workers", "scripts", "tests"],
      "domain/ holds pure rules: it imports nothing of ours outside domain/."),
    layer("lib-only-on-domain", "lib", ["db", "bots", "workers", "scripts", "tests"],
      "lib/ is the bottom layer of infrastructure: it may use domain/, nothing above it."),
    layer("db-only-on-lib-and-domain", "db", ["bots", "workers", "scripts", "tests"],
      "db/ may use lib/ and domain/; the bot and the Workers use db/, never the other way."),
    layer("bots-not-on-workers", "bots", ["workers", "scripts", "tests"],
      "bots/ may use db/, lib/ and domain/; what needs the Worker (opening the DB per update, routes, jobs) lives in workers/."),
    {
      name: "features-independent",
      comment:
        "A bot feature (bots/features/*) never imports another: what two features share lives in a module " +
        "of bots/, and which feature takes a typed message or a menu tap is decided in bots/routing.ts.",
      severity: "error",
      from: { path: "^bots/features/" },
      to: { path: "^bots/features/" },
    },
    layer("workers-not-on-tooling", "workers", ["scripts", "tests"],
      "workers/ is the top of the shipped code: it never imports local tooling or tests."),
    {
      name: "no-unresolvable-local-import",
      comment: "A local import that resolves to nothing would hide an edge from these rules.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, path: "^\\.\\.?/" },
    },
  ],
  options: {
    // Type-only imports count: a type from a higher layer is a dependency on it all the same.
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    // wrangler dev leaves its bundles in .wrangler/ next to a config (workers/web/.wrangler/tmp/…).
    exclude: { path: "(^(node_modules|tools|migrations)/)|(^|/)\\.wrangler/" },
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs", ".cjs", ".json"] },
  },
};
