// npm run db:migrate — locally against sqld (LIBSQL_URL), in production against Turso
// (LIBSQL_URL=libsql://… and LIBSQL_AUTH_TOKEN).
import { applyMigrations } from "./lib/migrate.ts";

const url = process.env.LIBSQL_URL;
if (!url) {
  console.error("db:migrate needs LIBSQL_URL (e.g. http://127.0.0.1:8080 locally, libsql://<db>.turso.io in production)");
  process.exit(2);
}
await applyMigrations(url, process.env.LIBSQL_AUTH_TOKEN);
console.log(JSON.stringify({ event: "migrated", host: new URL(url.replace(/^libsql:/, "https:")).host }));
