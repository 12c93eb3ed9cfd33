import { defineConfig } from "drizzle-kit";

// `npm run db:generate` only reads the schema; `npm run db:migrate` (scripts/migrate.ts) applies the SQL.
export default defineConfig({
  dialect: "turso",
  schema: ["./db/schema.ts", "./db/passkey-schema.ts"],
  out: "./migrations",
  dbCredentials: {
    url: process.env.LIBSQL_URL ?? "http://127.0.0.1:8080",
    authToken: process.env.LIBSQL_AUTH_TOKEN,
  },
});
