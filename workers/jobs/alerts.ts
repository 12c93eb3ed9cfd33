// The cron's alert job: claims only the cases whose next alert is due (an indexed column, never a
// scan of open cases), sends what planAlerts says through the outbox (once per dedupe key, so an
// overlapping or repeated tick adds nothing), writes escalations to the ledger, and schedules the next look.
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { beijingTime } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { surveyPayloads } from "../../bots/notices.ts";
import type { DbHandle } from "../../db/client.ts";
import { AUDIENCES, firmMembers, owner } from "../../db/queries/audiences.ts";
import { calendarWindow } from "../../db/queries/calendar.ts";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import { caseObligations, cases, firms, specialists, units } from "../../db/schema.ts";
import { obligationRecords } from "../../bots/case-actions.ts";
import { alertKey, planAlerts, type Alert } from "../../domain/alerts.ts";
import { addDays, beijingDate, makeCalendar } from "../../domain/calendar.ts";
import type { CronJob } from "../scheduled.ts";

/** Cases looked at per batch; a tick takes up to MAX_BATCHES of them, the rest wait for the next tick. */
const BATCH = 200;
const MAX_BATCHES = 5;
/** A claimed case is not claimed again for this long, should the tick die half-way. */
const LEASE_MS = 10 * 60_000;

type CaseRow = typeof cases.$inferSelect;

interface Context {
  handle: DbHandle;
  now: number;
  firmName: Map<string, string>;
  owners: Map<string, { name: string; unit: string }>;
}

function facts(ctx: Context, c: CaseRow, dueAt: number, obligation: string) {
  const owner = c.ownerId ? ctx.owners.get(c.ownerId) : undefined;
  return {
    ref: c.ref,
    firm: ctx.firmName.get(c.firmId) ?? "",
    kind: t("zh", `kind-${c.kind}`),
    obligation: t("zh", `obligation-${obligation}`),
    due: beijingTime("zh", dueAt),
    owner: owner?.name ?? t("zh", "queue-owner"),
    unit: owner?.unit ?? t("zh", "unit-queue"),
  };
}

function writesFor(ctx: Context, c: CaseRow, alert: Alert) {
  const { db } = ctx.handle;
  const key = `case:${c.id}:${alertKey(alert)}:`;
  const zhOnly = (text: string) => ({ zh: { text, parse_mode: "HTML" as const }, en: { text, parse_mode: "HTML" as const } });
  switch (alert.type) {
    case "reminder": {
      const text = t("zh", `reminder-${alert.step}`, facts(ctx, c, alert.dueAt, alert.obligation));
      return [enqueueForRecipients(db, { keyPrefix: key, recipients: owner(c.ownerId), payloads: zhOnly(text), caseId: c.id, now: ctx.now })];
    }
    case "survey_reminder":
      return [enqueueForRecipients(db, { keyPrefix: key, recipients: firmMembers(c.firmId), payloads: surveyPayloads(c.ref, c.id, true), caseId: c.id, now: ctx.now })];
    case "close_without_feedback": {
      const text = (locale: "zh" | "en") => ({ text: t(locale, "survey-closed-no-feedback", { ref: c.ref }), parse_mode: "HTML" as const });
      return [
        db.run(sql`
          INSERT INTO case_events (case_id, at, actor_type, actor_id, type, from_status, to_status, data)
          SELECT ${c.id}, ${ctx.now}, 'system', NULL, 'closed', 'resolved', 'closed', ${JSON.stringify({ reason: "no_feedback" })}
          WHERE EXISTS (SELECT 1 FROM cases WHERE id = ${c.id} AND status = 'resolved')`),
        db
          .update(cases)
          .set({ status: "closed", feedback: "none", closedAt: ctx.now, updatedAt: ctx.now, version: sql`${cases.version} + 1` })
          .where(and(eq(cases.id, c.id), eq(cases.status, "resolved"))),
        enqueueForRecipients(db, { keyPrefix: key, recipients: firmMembers(c.firmId), payloads: { zh: text("zh"), en: text("en") }, caseId: c.id, now: ctx.now }),
      ];
    }
  }
}

async function runBatch(handle: DbHandle, now: number): Promise<{ cases: number; alerts: number }> {
  const { db } = handle;
  const due = db
    .select({ id: cases.id })
    .from(cases)
    .where(and(sql`${cases.nextAlertAt} IS NOT NULL`, lte(cases.nextAlertAt, now)))
    .orderBy(cases.nextAlertAt)
    .limit(BATCH);
  const claimed = await db.update(cases).set({ nextAlertAt: now + LEASE_MS }).where(inArray(cases.id, due)).returning();
  if (claimed.length === 0) return { cases: 0, alerts: 0 };

  const today = beijingDate(now);
  const earliest = beijingDate(Math.min(...claimed.map((c) => Math.min(c.firstResponseDueAt, c.resolvedAt ?? c.resolutionDueAt))));
  const [days, years, , firmRows, ownerRows, obligationRows] = await handle.readBatch([
    ...calendarWindow(db, addDays(earliest < today ? earliest : today, -1), addDays(today, 60)),
    db.select({ id: firms.id, nameZh: firms.nameZh, nameEn: firms.nameEn }).from(firms).where(inArray(firms.id, [...new Set(claimed.map((c) => c.firmId))])),
    db
      .select({ id: specialists.id, name: specialists.name, unit: units.nameZh })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(inArray(specialists.id, [...new Set(claimed.flatMap((c) => (c.ownerId ? [c.ownerId] : [])))])),
    db.select().from(caseObligations).where(inArray(caseObligations.caseId, claimed.map((c) => c.id))),
  ]);
  const calendar = makeCalendar(days, years.map((y) => y.year));
  const ctx: Context = {
    handle,
    now,
    firmName: new Map(firmRows.map((f) => [f.id, f.nameZh ?? f.nameEn ?? ""])),
    owners: new Map(ownerRows.map((o) => [o.id, { name: o.name, unit: o.unit }])),
  };
  const writes = [];
  let alerts = 0;
  for (const c of claimed) {
    const plan = planAlerts(calendar, { ...c, obligations: obligationRecords(obligationRows.filter((o) => o.caseId === c.id)) }, now);
    alerts += plan.due.length;
    for (const alert of plan.due) writes.push(...writesFor(ctx, c, alert));
    writes.push(db.update(cases).set({ nextAlertAt: plan.nextAt }).where(eq(cases.id, c.id)));
  }
  await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  return { cases: claimed.length, alerts };
}

export const alertsJob: CronJob = {
  name: "alerts",
  async run({ handle, now }) {
    let total = { cases: 0, alerts: 0, batches: 0 };
    for (let i = 0; i < MAX_BATCHES; i++) {
      const batch = await runBatch(handle, now);
      total = { cases: total.cases + batch.cases, alerts: total.alerts + batch.alerts, batches: total.batches + 1 };
      if (batch.cases < BATCH) break;
    }
    return total;
  },
};
