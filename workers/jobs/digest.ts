// The daily digest at 09:00 Beijing time on working days: each specialist's open cases (overdue
// first, then by due), and each unit head's unit. Exactly one tick a day does it: the one whose
// insert of the day's marker succeeds.
import { asc, sql } from "drizzle-orm";
import { beijingTime } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { enqueueMessage } from "../../db/queries/outbox.ts";
import { cases, settings as settingsTable, specialists, units } from "../../db/schema.ts";
import { beijingDate, instantOfBeijing, isWorkingDay, makeCalendar } from "../../domain/calendar.ts";
import { MORNING } from "../../domain/alerts.ts";
import { OPEN_STATUSES } from "../../domain/vocabulary.ts";
import { calendarWindow } from "../../db/queries/calendar.ts";
import type { CronJob } from "../scheduled.ts";

const MAX_LINES = 40;

export const digestJob: CronJob = {
  name: "digest",
  async run({ handle, now }) {
    const { db } = handle;
    const today = beijingDate(now);
    if (now < instantOfBeijing(today, MORNING)) return { sent: 0 };
    const [dayRows, yearRows] = calendarWindow(db, today, today);
    const [days, years] = await handle.readBatch([dayRows, yearRows]);
    if (!isWorkingDay(makeCalendar(days, years.map((y) => y.year)), today)) return { sent: 0 };
    const claimed = await db
      .insert(settingsTable)
      .values({ key: `digest:${today}`, value: { at: now }, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (claimed.length === 0) return { sent: 0 };

    // Once a day the digest reads every open case; every other tick reads only what is due.
    const [open, heads, owners] = await handle.readBatch([
      db
      .select({ c: cases, ownerName: specialists.name, unitId: specialists.unitId, unitName: units.nameZh })
      .from(cases)
      .innerJoin(specialists, sql`${specialists.id} = ${cases.ownerId}`)
      .innerJoin(units, sql`${units.id} = ${specialists.unitId}`)
      .where(sql`${cases.status} IN ${OPEN_STATUSES}`)
      .orderBy(sql`${cases.resolutionDueAt} < ${now} DESC`, asc(cases.resolutionDueAt)),
      db.select().from(specialists).where(sql`${specialists.role} = 'unit_head' AND ${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL`),
      db.select().from(specialists).where(sql`${specialists.active} = 1 AND ${specialists.telegramId} IS NOT NULL`),
    ]);

    const line = (row: (typeof open)[number], withOwner: boolean) =>
      t("zh", "digest-line", {
        overdue: row.c.resolutionDueAt < now ? t("zh", "mine-overdue") : "",
        ref: row.c.ref,
        kind: t("zh", `kind-${row.c.kind}`),
        status: t("zh", `status-${row.c.status}`),
        due: beijingTime("zh", row.c.resolutionDueAt),
        owner: withOwner ? ` · ${row.ownerName}` : "",
      });
    const writes = [];
    for (const s of owners) {
      const mine = open.filter((row) => row.c.ownerId === s.id);
      if (mine.length === 0) continue;
      const text = [t("zh", "digest-title", { date: today, count: mine.length }), ...mine.slice(0, MAX_LINES).map((row) => line(row, false))].join("\n");
      writes.push(enqueueMessage(db, { dedupeKey: `digest:${today}:${s.id}`, chatId: s.noticeChatId ?? s.telegramId!, payload: { text, parse_mode: "HTML" }, now }));
    }
    for (const head of heads) {
      const unitCases = open.filter((row) => row.unitId === head.unitId);
      if (unitCases.length === 0) continue;
      const text = [
        t("zh", "digest-unit-title", { date: today, count: unitCases.length, unit: unitCases[0]!.unitName }),
        ...unitCases.slice(0, MAX_LINES).map((row) => line(row, true)),
      ].join("\n");
      writes.push(enqueueMessage(db, { dedupeKey: `digest:${today}:unit:${head.id}`, chatId: head.noticeChatId ?? head.telegramId!, payload: { text, parse_mode: "HTML" }, now }));
    }
    if (writes.length) await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
    return { sent: writes.length };
  },
};
