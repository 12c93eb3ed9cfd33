// The daily digest at 09:00 Beijing time on working days: each specialist's open cases, each unit
// head's unit, and the business-environment department's queue (cases nobody owns yet), overdue
// first, each linked to its case page, with the claims on firms it is to verify. It reads only what it shows, at most MAX_LINES per recipient with the count of the rest,
// then writes the day's marker and every digest in ONE batch: a tick that fails anywhere leaves no
// marker behind, so the next tick sends the digest; two ticks at once send it once (the marker's
// primary key rolls the second batch back, and each row has its dedupe key).
import { eq, sql } from "drizzle-orm";
import { beijingTime } from "../../lib/format.ts";
import { casePageUrl } from "../../lib/case-token.ts";
import { escapeHtml, raw, t } from "../../lib/i18n.ts";
import { departmentClaimsCount } from "../../db/queries/firms.ts";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import { specialist } from "../../db/queries/audiences.ts";
import { settings as settingsTable, specialists } from "../../db/schema.ts";
import { beijingDate, instantOfBeijing, isWorkingDay, makeCalendar } from "../../domain/calendar.ts";
import { MORNING } from "../../domain/alerts.ts";
import { OPEN_STATUSES } from "../../domain/vocabulary.ts";
import { calendarWindow } from "../../db/queries/calendar.ts";
import type { DbHandle } from "../../db/client.ts";
import type { CronJob } from "../scheduled.ts";

/** Cases listed per recipient; the rest are counted ("… and N more"). */
export const MAX_LINES = 40;

interface Line {
  /** Whose digest the line belongs to: an owner's id, a unit's id, or "" for the queue. */
  key: string;
  ref: string;
  kind: string;
  status: string;
  due: number;
  ownerName: string | null;
  unitName: string | null;
  /** Open cases under `key` in all, of which at most MAX_LINES are read. */
  total: number;
}

/** The first MAX_LINES open cases per `partition` (earliest due first: the overdue ones), with the count of all. */
function linesBy(handle: DbHandle, partition: "owner" | "unit" | "queue") {
  const open = sql.join(OPEN_STATUSES.map((s) => sql`${s}`), sql`, `);
  const key = { owner: sql`c.owner_id`, unit: sql`s.unit_id`, queue: sql`''` }[partition];
  const who = {
    // Only owners and unit heads who can be reached, and only the queue's cases for the department.
    owner: sql`c.owner_id IN (SELECT id FROM specialists WHERE active = 1 AND telegram_id IS NOT NULL)`,
    unit: sql`s.unit_id IN (SELECT unit_id FROM specialists WHERE role = 'unit_head' AND active = 1 AND telegram_id IS NOT NULL)`,
    queue: sql`c.owner_id IS NULL`,
  }[partition];
  return handle.db.all<Line>(sql`
    SELECT key, ref, kind, status, due, ownerName, unitName, total FROM (
      SELECT ${key} AS key, c.ref AS ref, c.kind AS kind, c.status AS status, c.resolution_due_at AS due,
             s.name AS ownerName, u.name_zh AS unitName,
             ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY c.resolution_due_at, c.id) AS n,
             COUNT(*) OVER (PARTITION BY ${key}) AS total
        FROM cases c LEFT JOIN specialists s ON s.id = c.owner_id LEFT JOIN units u ON u.id = s.unit_id
       WHERE c.status IN (${open}) AND ${who})
     WHERE n <= ${MAX_LINES}
     ORDER BY key, n`);
}

export const digestJob: CronJob = {
  name: "digest",
  async run({ handle, now, settings }) {
    const { db } = handle;
    const today = beijingDate(now);
    if (now < instantOfBeijing(today, MORNING)) return { sent: 0 };
    const marker = `digest:${today}`;
    const [dayRows, yearRows] = calendarWindow(db, today, today);
    const [days, years, done] = await handle.readBatch([dayRows, yearRows, db.select({ key: settingsTable.key }).from(settingsTable).where(eq(settingsTable.key, marker))]);
    if (done.length > 0 || !isWorkingDay(makeCalendar(days, years.map((y) => y.year)), today)) return { sent: 0 };

    const [byOwner, byUnit, queue, claims, recipients] = await handle.readBatch([
      linesBy(handle, "owner"),
      linesBy(handle, "unit"),
      linesBy(handle, "queue"),
      departmentClaimsCount(db),
      db
        .select({ id: specialists.id, role: specialists.role, unitId: specialists.unitId })
        .from(specialists)
        .where(sql`${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL`),
    ]);
    const group = (lines: Line[]) => {
      const by = new Map<string, Line[]>();
      for (const line of lines) by.set(line.key, [...(by.get(line.key) ?? []), line]);
      return by;
    };
    const owners = group(byOwner);
    const units = group(byUnit);

    // Each case links to its page in the supervisors' web, where it can be handled without Telegram (robots turn the link into markdown).
    const linked = (ref: string) => raw(`<a href="${escapeHtml(casePageUrl(settings.PUBLIC_BASE_URL, ref))}">${escapeHtml(ref)}</a>`);
    const text = (title: string, titleArgs: Record<string, string | number>, lines: Line[], withOwner: boolean) => {
      const total = lines[0]!.total;
      const shown = lines.map((l) =>
        t("zh", "digest-line", {
          overdue: l.due < now ? t("zh", "mine-overdue") : "",
          ref: linked(l.ref),
          kind: t("zh", `kind-${l.kind}`),
          status: t("zh", `status-${l.status}`),
          due: beijingTime("zh", l.due),
          owner: withOwner && l.ownerName ? ` · ${l.ownerName}` : "",
        }),
      );
      const more = total > lines.length ? [t("zh", "digest-more", { more: total - lines.length })] : [];
      return [t("zh", title, { date: today, count: total, ...titleArgs }), ...shown, ...more].join("\n");
    };
    const writes: ReturnType<typeof enqueueForRecipients>[] = [];
    // Wherever the specialist hears (Telegram, or their group robot); keyed digest:<date>:<key>.
    const digest = (key: string, specialistId: string, body: string) => {
      const payload = { text: body, parse_mode: "HTML" as const };
      writes.push(enqueueForRecipients(db, { keyPrefix: `digest:${today}:`, recipients: specialist(specialistId, key), payloads: { zh: payload, en: payload }, now }));
    };
    for (const s of recipients) {
      const mine = owners.get(s.id);
      if (mine) digest(s.id, s.id, text("digest-title", {}, mine, false));
      const unit = s.role === "unit_head" ? units.get(s.unitId) : undefined;
      if (unit) digest(`unit:${s.id}`, s.id, text("digest-unit-title", { unit: unit[0]!.unitName ?? "" }, unit, true));
      if (s.role === "bizenv") {
        // The department's own work: the queue, and the claims on firms it is to verify (/web/claims).
        const waiting = claims[0]?.n ?? 0;
        const parts = [...(queue.length ? [text("digest-queue-title", {}, queue, false)] : []), ...(waiting ? [t("zh", "digest-claims", { date: today, count: waiting })] : [])];
        if (parts.length) digest(`queue:${s.id}`, s.id, parts.join("\n\n"));
      }
    }
    try {
      await db.batch([db.insert(settingsTable).values({ key: marker, value: { at: now }, updatedAt: now }), ...writes]);
    } catch (error) {
      // Another tick wrote the day's digest first: this batch rolled back whole.
      if (/UNIQUE constraint failed: settings\.key/.test(`${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}`)) return { sent: 0 };
      throw error;
    }
    return { sent: writes.length };
  },
};
