// Writes the seed migration of the working-day calendar from the maintained `chinese-days`
// package (State Council schedules 2004–2026), with the source noted per year, and the default
// SLA policies. Run after upgrading chinese-days: `node scripts/calendar-seed.ts > migrations/<n>_….sql`
// (a drizzle-kit custom migration, so the journal applies it once).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_SLA_POLICIES } from "../domain/obligations.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}node_modules/chinese-days/package.json`, "utf8")) as { version: string };
const data = JSON.parse(readFileSync(`${root}node_modules/chinese-days/dist/chinese-days.json`, "utf8")) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const rows: string[] = [];
const years = new Set<number>();
for (const [kind, days] of [["holiday", data.holidays], ["workday", data.workdays]] as const) {
  for (const [date, label] of Object.entries(days).sort()) {
    // label: "English name,中文名,n"
    const [en, zh] = label.split(",");
    years.add(Number(date.slice(0, 4)));
    rows.push(`(${quote(date)}, ${quote(kind)}, ${quote(`${zh} / ${en}`)}, ${Number(date.slice(0, 4))})`);
  }
}
const source = `chinese-days@${pkg.version} (State Council schedule)`;
const out: string[] = [
  `-- Seeded by scripts/calendar-seed.ts from ${source}.`,
  `INSERT INTO calendar_days (date, kind, name, year) VALUES\n  ${rows.join(",\n  ")}\nON CONFLICT (date) DO NOTHING;`,
  "--> statement-breakpoint",
  `INSERT INTO calendar_years (year, source, loaded_at) VALUES\n  ${[...years].sort().map((y) => `(${y}, ${quote(source)}, 0)`).join(",\n  ")}\nON CONFLICT (year) DO NOTHING;`,
  "--> statement-breakpoint",
  `INSERT INTO sla_policies (kind, first_response_working_days, first_response_hours, resolution_working_days, updated_at) VALUES\n  ${Object.values(DEFAULT_SLA_POLICIES)
    .map((p) => `(${quote(p.kind)}, ${p.firstResponseWorkingDays}, ${p.firstResponseHours ?? "NULL"}, ${p.resolutionWorkingDays}, 0)`)
    .join(",\n  ")}\nON CONFLICT (kind) DO NOTHING;`,
];
process.stdout.write(`${out.join("\n")}\n`);
