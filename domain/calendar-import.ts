// Parsing an admin's upload of a year's official schedule (JSON or CSV), strictly: each problem
// is reported with its line, the field and a rule code (its zh/en text is in the Fluent catalogs).
import { isRealDate, weekday } from "./calendar.ts";

export interface ScheduleDay {
  date: string;
  kind: "holiday" | "workday";
  name: string;
}

export interface ScheduleProblem {
  line?: number;
  field: string;
  /** Fluent id suffix: schedule-<code>. */
  code: string;
  args?: Record<string, string>;
}

export type ParsedSchedule = { ok: true; year: number; source: string; days: ScheduleDay[] } | { ok: false; problems: ScheduleProblem[] };


function check(rows: { line?: number; date: string; kind: string; name: string }[], source: string): ParsedSchedule {
  const problems: ScheduleProblem[] = [];
  const years = new Set<number>();
  const seen = new Map<string, string>();
  const days: ScheduleDay[] = [];
  for (const row of rows) {
    const at = row.line === undefined ? {} : { line: row.line };
    if (!isRealDate(row.date)) {
      problems.push({ ...at, field: "date", code: "date" });
      continue;
    }
    if (row.kind !== "holiday" && row.kind !== "workday") {
      problems.push({ ...at, field: "kind", code: "kind" });
      continue;
    }
    if (seen.has(row.date)) {
      problems.push({ ...at, field: "date", code: "duplicate", args: { date: row.date } });
      continue;
    }
    const day = weekday(row.date);
    if (row.kind === "workday" && day !== 0 && day !== 6) {
      problems.push({ ...at, field: "kind", code: "workday-on-weekday", args: { date: row.date } });
      continue;
    }
    seen.set(row.date, row.kind);
    years.add(Number(row.date.slice(0, 4)));
    days.push({ date: row.date, kind: row.kind, name: row.name.trim().slice(0, 100) });
  }
  if (days.length === 0 && problems.length === 0) problems.push({ field: "days", code: "empty" });
  const year = Math.max(...years);
  const stray = rows.find((row) => seen.has(row.date) && !inNotice(row.date, year));
  if (stray) problems.push({ ...(stray.line === undefined ? {} : { line: stray.line }), field: "date", code: "one-year", args: { date: stray.date, year: String(year) } });
  if (problems.length) return { ok: false, problems };
  return { ok: true, year, source: source.trim().slice(0, 200) || "admin upload", days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}

/**
 * One upload is one year's notice. Its dates fall in that year, or in the December before it: a
 * notice also settles the turn of the year (the 2019 notice made Sat 29 Dec 2018 a working day and
 * gave 30–31 Dec 2018 off), so a 2027 notice may move days of December 2026.
 */
function inNotice(date: string, year: number): boolean {
  const dateYear = Number(date.slice(0, 4));
  return dateYear === year || (dateYear === year - 1 && date.slice(5, 7) === "12");
}

/** JSON: { "source": "…", "days": [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }, …] }. */
export function parseScheduleJson(text: string): ParsedSchedule {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ field: "body", code: "json" }] };
  }
  const value = body as { source?: unknown; days?: unknown };
  if (!Array.isArray(value?.days)) return { ok: false, problems: [{ field: "days", code: "days" }] };
  const rows = (value.days as Record<string, unknown>[]).map((d, i) => ({ line: i + 1, date: String(d?.date ?? ""), kind: String(d?.kind ?? ""), name: String(d?.name ?? "") }));
  return check(rows, typeof value.source === "string" ? value.source : "");
}

/** CSV with the header `date,kind,name`; the source goes in a `# source: …` first line, if any. */
export function parseScheduleCsv(text: string): ParsedSchedule {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let source = "";
  const rows: { line: number; date: string; kind: string; name: string }[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const sourceMatch = /^#\s*source:\s*(.*)$/i.exec(line);
    if (sourceMatch) {
      source = sourceMatch[1]!;
      return;
    }
    if (line.startsWith("#") || /^date\s*,/i.test(line)) return;
    const [date = "", kind = "", ...name] = line.split(",");
    rows.push({ line: index + 1, date: date.trim(), kind: kind.trim(), name: name.join(",").trim() });
  });
  return check(rows, source);
}

export interface ScheduleDiff {
  added: ScheduleDay[];
  removed: ScheduleDay[];
  changed: { date: string; from: ScheduleDay["kind"]; to: ScheduleDay["kind"] }[];
}

/** What an upload changes against the days stored for that year (for the admin's preview). */
export function diffSchedule(existing: readonly ScheduleDay[], incoming: readonly ScheduleDay[]): ScheduleDiff {
  const before = new Map(existing.map((d) => [d.date, d]));
  const after = new Map(incoming.map((d) => [d.date, d]));
  return {
    added: incoming.filter((d) => !before.has(d.date)),
    removed: existing.filter((d) => !after.has(d.date)),
    changed: incoming.flatMap((d) => {
      const old = before.get(d.date);
      return old && old.kind !== d.kind ? [{ date: d.date, from: old.kind, to: d.kind }] : [];
    }),
  };
}
