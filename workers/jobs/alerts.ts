// The cron's alert job: claims only the cases whose next alert is due (an indexed column, never a
// scan of open cases), reads what their plans need in one read batch, and writes in one batch:
// reminders to the owner (domain/alerts.ts), the supervision ladder's drafts, voids and sign-off
// reminders (domain/supervision.ts), the survey's close through the case module, and each case's
// next look. Hour clocks run at any hour, nights and holidays included: the cron ticks every 5
// minutes (wrangler.toml). Outbox dedupe keys and the unique live notice per level make an
// overlapping or repeated tick add nothing.
import { and, eq, inArray, lte, max, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { renderNotices } from "../../bots/case-notices.ts";
import { t } from "../../lib/i18n.ts";
import { beijingTime } from "../../lib/format.ts";
import { surveyPayloads } from "../../bots/notices.ts";
import { draftPayloads, signReminderPayloads } from "../../bots/supervision-documents.ts";
import { issuerName, noticeDocumentHtml } from "../../bots/notice-document.ts";
import { decisionWrites, eventWrite } from "../../db/case-writes.ts";
import { caseSnapshot, obligationRecords } from "../../db/case-snapshot.ts";
import type { Db, DbHandle } from "../../db/client.ts";
import { firmMembers, owner, supervisingOffice } from "../../db/queries/audiences.ts";
import { CALENDAR_LOOKBACK_DAYS, CALENDAR_WINDOW_DAYS, calendarWindow, policyFor } from "../../db/queries/calendar.ts";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import { departmentUnit, ladderFrom, ladderSetting, principalOf } from "../../db/queries/supervision.ts";
import { caseEvents, caseObligations, cases, firms, specialists, supervisionNotices, units } from "../../db/schema.ts";
import { draftWrite, voidWrites } from "../../db/supervision-writes.ts";
import { alertKey, planAlerts, type Alert } from "../../domain/alerts.ts";
import { addDays, beijingDate, makeCalendar, type WorkCalendar } from "../../domain/calendar.ts";
import { decide, type RuleContext } from "../../domain/case-rules.ts";
import type { ObligationRecord } from "../../domain/obligations.ts";
import { overdueBy, planSupervision, type LadderPolicy, type NoticeRecord, type SupervisionStep } from "../../domain/supervision.ts";
import { CASE_KINDS, isOpen } from "../../domain/vocabulary.ts";
import { caseLink, caseToken } from "../../lib/case-token.ts";
import type { JobsSettings } from "../../lib/settings.ts";
import type { CronJob } from "../scheduled.ts";

type Item = BatchItem<"sqlite">;
type CaseRow = typeof cases.$inferSelect;

/** Cases looked at per batch; a tick takes up to MAX_BATCHES of them, the rest wait for the next tick. */
const BATCH = 200;
const MAX_BATCHES = 5;
/** A claimed case is not claimed again for this long, should the tick die half-way. */
const LEASE_MS = 10 * 60_000;

/**
 * The claim: the due cases (by the partial index on next_alert_at) leased to this tick. The lease
 * value is also the claim's token: it carries a random millisecond part, so two ticks with the same
 * scheduled time never hold the same value, and a case changed meanwhile (the webhook sets
 * next_alert_at to now) no longer matches it.
 */
export function claimStatement(db: Db, now: number, lease: number) {
  const due = db
    .select({ id: cases.id })
    .from(cases)
    .where(and(sql`${cases.nextAlertAt} IS NOT NULL`, lte(cases.nextAlertAt, now)))
    .orderBy(cases.nextAlertAt)
    .limit(BATCH);
  return db.update(cases).set({ nextAlertAt: lease }).where(inArray(cases.id, due)).returning();
}

/** Live notices (drafts and issued ones) of the claimed cases, by the unique (case, level) index of live notices. */
export function liveNoticesOf(db: Db, caseIds: string[]) {
  return db
    .select({ id: supervisionNotices.id, caseId: supervisionNotices.caseId, level: supervisionNotices.level, status: supervisionNotices.status, obligation: supervisionNotices.obligation, draftedAt: supervisionNotices.draftedAt, unitId: supervisionNotices.unitId })
    .from(supervisionNotices)
    .where(and(inArray(supervisionNotices.caseId, caseIds), sql`${supervisionNotices.status} <> 'void'`));
}

/** The latest reopening of each claimed case that has one (by the case_events_case index): its current cycle counts from it. */
export function reopeningsOf(db: Db, caseIds: string[]) {
  return db
    .select({ caseId: caseEvents.caseId, at: max(caseEvents.at) })
    .from(caseEvents)
    .where(and(inArray(caseEvents.caseId, caseIds), eq(caseEvents.type, "reopened")))
    .groupBy(caseEvents.caseId);
}

export function obligationsOfCases(db: Db, caseIds: string[]) {
  return db.select().from(caseObligations).where(inArray(caseObligations.caseId, caseIds));
}


/** Calendar days every plan of the claimed cases can touch: from before the earliest receipt to past the latest due. */
function windowOf(claimed: readonly CaseRow[], now: number): { from: string; to: string } {
  const today = beijingDate(now);
  const earliest = beijingDate(Math.min(now, ...claimed.map((c) => c.receivedAt)));
  const latest = beijingDate(Math.max(now, ...claimed.flatMap((c) => [c.firstResponseDueAt, c.resolutionDueAt, c.resolvedAt ?? 0])));
  return { from: addDays(earliest < today ? earliest : today, -CALENDAR_LOOKBACK_DAYS), to: addDays(latest, CALENDAR_WINDOW_DAYS) };
}

interface Unit {
  id: string;
  name: string;
  principal: string | null;
}

interface OwnerUnit extends Unit {
  nameEn: string;
}

interface Context {
  db: Db;
  settings: JobsSettings;
  now: number;
  lease: number;
  calendar: WorkCalendar;
  ladder: LadderPolicy;
  policies: RuleContext["policies"];
  firmName: Map<string, string>;
  /** Each owner's name and unit. */
  owners: Map<string, { name: string; unit: OwnerUnit }>;
  /** The supervising office's unit: the issuer, and the addressee of a queue case's notices. */
  department: Unit | undefined;
  counts: { alerts: number; drafts: number; voids: number; signReminders: number; closed: number };
}

/** True inside the write batch while the case still holds this tick's claim. */
function claimHeld(ctx: Context, c: CaseRow): SQL {
  return sql`EXISTS (SELECT 1 FROM cases WHERE id = ${c.id} AND next_alert_at = ${ctx.lease})`;
}

const zhOnly = (text: string) => ({ zh: { text, parse_mode: "HTML" as const }, en: { text, parse_mode: "HTML" as const } });

function reminderText(ctx: Context, c: CaseRow, alert: Extract<Alert, { type: "reminder" }>): string {
  return t("zh", `alert-${alert.step}`, {
    ref: c.ref,
    firm: ctx.firmName.get(c.firmId) ?? "",
    kind: t("zh", `kind-${c.kind}`),
    obligation: t("zh", `obligation-${alert.obligation}`),
    due: beijingTime("zh", alert.dueAt),
  });
}


async function alertWrites(ctx: Context, c: CaseRow, obligations: readonly ObligationRecord[], alert: Alert): Promise<Item[]> {
  const { db, now } = ctx;
  const key = `case:${c.id}:${alertKey(alert)}`;
  const when = claimHeld(ctx, c);
  switch (alert.type) {
    case "reminder":
      return [enqueueForRecipients(db, { keyPrefix: `${key}:`, recipients: owner(c.ownerId), payloads: zhOnly(reminderText(ctx, c, alert)), caseId: c.id, now, when })];
    case "survey_reminder":
      return [enqueueForRecipients(db, { keyPrefix: `${key}:`, recipients: firmMembers(c.firmId, c.id), payloads: surveyPayloads(c.ref, c.id, true), caseId: c.id, now, when })];
    case "close_without_feedback": {
      // The system's action does not depend on co-handlers.
      const snapshot = caseSnapshot(c, c.ownerId ? (ctx.owners.get(c.ownerId)?.unit.id ?? null) : null, obligations, []);
      const decision = decide(snapshot, { action: "close_without_feedback" }, { type: "system" }, { now, calendar: ctx.calendar, policies: ctx.policies });
      if (!decision.ok) return [];
      ctx.counts.closed += 1;
      const unit = c.ownerId ? ctx.owners.get(c.ownerId)?.unit : undefined;
      const facts = {
        id: c.id,
        ref: c.ref,
        kind: c.kind,
        firmId: c.firmId,
        ownerId: c.ownerId,
        unit: unit ? { zh: unit.name, en: unit.nameEn } : null,
        link: caseLink(ctx.settings, await caseToken(ctx.settings, c.id, c.linkGeneration)),
        calendar: ctx.calendar,
      };
      const notices = renderNotices(decision.notices, facts, decision.status, alert.type);
      // Conditioned on the case's version (a rating that arrived meanwhile wins) and on the claim.
      return decisionWrites(db, { current: c, decision, actor: { type: "system", id: null }, now, all: obligations, notices, when });
    }
  }
}

/** The unit a case's notices are addressed to: its owner's unit; the department's for a queue case. */
function addresseeOf(ctx: Context, c: CaseRow): Unit | undefined {
  return (c.ownerId ? ctx.owners.get(c.ownerId)?.unit : undefined) ?? ctx.department;
}

function supervisionWrites(ctx: Context, c: CaseRow, notices: readonly (NoticeRecord & { unitId: string | null })[], step: SupervisionStep): Item[] {
  const { db, now } = ctx;
  const when = claimHeld(ctx, c);
  switch (step.type) {
    case "draft": {
      const id = crypto.randomUUID();
      const unit = addresseeOf(ctx, c);
      const unitName = unit?.name ?? t("zh", "unit-queue");
      const documentHtml = noticeDocumentHtml(
        { notice: step.notice, obligation: step.obligation.obligation, missedDueAt: step.obligation.dueAt, clock: step.obligation.clock, overdue: overdueBy(ctx.calendar, step.obligation, now).amount, draft: { rectificationWorkingDays: ctx.ladder.rectificationWorkingDays } },
        { ref: c.ref, kind: c.kind, firm: ctx.firmName.get(c.firmId) ?? "", receivedAt: c.receivedAt },
        { name: unitName, principal: unit?.principal ?? null },
        issuerName(ctx.department?.name),
        now,
      );
      // Another tick may have drafted this level first: then this draft, its event and its message are not written.
      const drafted = sql`EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${id})`;
      ctx.counts.drafts += 1;
      return [
        draftWrite(db, c.id, unit?.id ?? null, step, id, now, when),
        eventWrite(db, c.id, now, { type: "system", id: null }, { type: "notice_drafted", data: { noticeId: id, level: step.level, notice: step.notice, obligation: step.obligation.obligation, missedDueAt: step.obligation.dueAt } }, drafted),
        enqueueForRecipients(db, {
          keyPrefix: `notice:${id}:draft:`,
          recipients: supervisingOffice(),
          payloads: draftPayloads({ noticeId: id, level: step.level, ref: c.ref, unit: unitName, documentHtml }),
          caseId: c.id,
          now,
          when: drafted,
        }),
      ];
    }
    case "void":
      ctx.counts.voids += 1;
      return voidWrites(db, c.id, step.noticeId, now, when);
    case "sign_reminder": {
      const draft = notices.find((n) => n.id === step.noticeId)!;
      const unit = [addresseeOf(ctx, c), ctx.department].find((u) => u?.id === draft.unitId);
      ctx.counts.signReminders += 1;
      return [
        enqueueForRecipients(db, {
          // Once per draft, however many ticks see it unsigned.
          keyPrefix: `notice:${draft.id}:sign_reminder:`,
          recipients: supervisingOffice(),
          payloads: signReminderPayloads({ id: draft.id, level: draft.level, ref: c.ref, unit: unit?.name ?? t("zh", "unit-queue"), draftedAt: draft.draftedAt, clock: step.clock }),
          caseId: c.id,
          now,
          when: sql`${when} AND EXISTS (SELECT 1 FROM supervision_notices WHERE id = ${draft.id} AND status = 'draft')`,
        }),
      ];
    }
  }
}

async function runBatch(handle: DbHandle, settings: JobsSettings, now: number): Promise<Context["counts"] & { cases: number }> {
  const { db } = handle;
  const lease = now + LEASE_MS + Math.floor(Math.random() * 60_000);
  const claimed = await claimStatement(db, now, lease);
  const counts = { alerts: 0, drafts: 0, voids: 0, signReminders: 0, closed: 0 };
  if (claimed.length === 0) return { cases: 0, ...counts };

  const ids = claimed.map((c) => c.id);
  const ownerIds = [...new Set(claimed.flatMap((c) => (c.ownerId ? [c.ownerId] : [])))];
  const window = windowOf(claimed, now);
  const [obligationRows, noticeRows, reopeningRows, days, years, policyRows, firmRows, ownerRows, departmentRows, ladderRows] = await handle.readBatch([
    obligationsOfCases(db, ids),
    liveNoticesOf(db, ids),
    reopeningsOf(db, ids),
    ...calendarWindow(db, window.from, window.to),
    db.select({ id: firms.id, nameZh: firms.nameZh, nameEn: firms.nameEn }).from(firms).where(inArray(firms.id, [...new Set(claimed.map((c) => c.firmId))])),
    db
      .select({ id: specialists.id, name: specialists.name, unitId: units.id, unitName: units.nameZh, unitNameEn: units.nameEn, principal: principalOf(sql`${units.id}`) })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(inArray(specialists.id, ownerIds)),
    departmentUnit(db),
    ladderSetting(db),
  ]);
  const ctx: Context = {
    db,
    settings,
    now,
    lease,
    calendar: makeCalendar(days, years.map((y) => y.year)),
    ladder: ladderFrom(ladderRows[0]?.value),
    policies: Object.fromEntries(CASE_KINDS.map((kind) => [kind, policyFor(kind, policyRows)])) as RuleContext["policies"],
    firmName: new Map(firmRows.map((f) => [f.id, f.nameZh ?? f.nameEn ?? ""])),
    owners: new Map(ownerRows.map((o) => [o.id, { name: o.name, unit: { id: o.unitId, name: o.unitName, nameEn: o.unitNameEn, principal: o.principal } }])),
    department: departmentRows[0],
    counts,
  };

  const writes: Item[] = [];
  for (const c of claimed) {
    const obligations = obligationRecords(obligationRows.filter((o) => o.caseId === c.id));
    const notices = noticeRows.filter((n) => n.caseId === c.id);
    const cycleStartedAt = reopeningRows.find((r) => r.caseId === c.id)?.at ?? c.receivedAt;
    const alerts = planAlerts(ctx.calendar, { status: c.status, cycleStartedAt, resolvedAt: c.resolvedAt, obligations }, now);
    const supervision = planSupervision(ctx.calendar, ctx.ladder, obligations, notices, isOpen(c.status), now);
    counts.alerts += alerts.due.length;
    for (const alert of alerts.due) writes.push(...(await alertWrites(ctx, c, obligations, alert)));
    for (const step of supervision.steps) writes.push(...supervisionWrites(ctx, c, notices, step));
    const times = [alerts.nextAt, supervision.nextAt].filter((at): at is number => at !== null);
    // Never earlier than the next tick: a case looked at now is not claimed again by this tick's next batch.
    const nextAt = times.length ? Math.max(Math.min(...times), now + 1) : null;
    // Only while the case still holds this tick's claim: a change meanwhile asked for a fresh look.
    writes.push(db.update(cases).set({ nextAlertAt: nextAt }).where(and(eq(cases.id, c.id), eq(cases.nextAlertAt, lease))));
  }
  await db.batch(writes as [Item, ...Item[]]);
  return { cases: claimed.length, ...counts };
}

export const alertsJob: CronJob = {
  name: "alerts",
  async run({ handle, settings, now }) {
    const total: Record<string, number> = { cases: 0, alerts: 0, drafts: 0, voids: 0, signReminders: 0, closed: 0, batches: 0 };
    for (let i = 0; i < MAX_BATCHES; i++) {
      const batch = await runBatch(handle, settings, now);
      for (const [key, value] of Object.entries(batch)) total[key] = (total[key] ?? 0) + value;
      total.batches! += 1;
      if (batch.cases < BATCH) break;
    }
    return total;
  },
};
