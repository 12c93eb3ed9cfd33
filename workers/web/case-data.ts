// What the case page shows and what its actions decide on, read in one batch: the case with its
// firm, owner, units and pending transfer; obligations, co-handlers, ledger, supervision notices;
// the calendar window and policies; the specialists an owner may invite. Scoped like the ledger:
// a specialist sees their unit's cases and those they co-handle, a unit head their unit, the
// department and admins all; anything else is as unknown as a ref that does not exist.
import { caseSnapshot } from "../../db/case-snapshot.ts";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbHandle } from "../../db/client.ts";
import { CALENDAR_LOOKBACK_DAYS, CALENDAR_WINDOW_DAYS, calendarWindow, policyFor } from "../../db/queries/calendar.ts";
import { caseCoHandlers, caseEvents, caseObligations, cases, firms, specialists, supervisionNotices, units } from "../../db/schema.ts";
import { addDays, beijingDate, makeCalendar } from "../../domain/calendar.ts";
import type { RuleContext } from "../../domain/case-rules.ts";
import { CASE_KINDS } from "../../domain/vocabulary.ts";
import type { Viewer } from "./layout.ts";

const owner = alias(specialists, "owner");
const ownerUnit = alias(units, "owner_unit");
const pending = alias(specialists, "pending");
const pendingUnit = alias(units, "pending_unit");
const actor = alias(specialists, "actor");
const addressee = alias(units, "addressee");

/** What one read of a case gives the page and the actions. */
export async function readCase(handle: DbHandle, ref: string, now: number) {
  const { db } = handle;
  const id = sql`(SELECT id FROM cases WHERE ref = ${ref})`;
  const today = beijingDate(now);
  const [found, obligations, coHandlers, events, notices, days, years, policies, invitable, bizenvUnit] = await handle.readBatch([
    db
      .select({ case: cases, firm: firms, owner, ownerUnit, pending, pendingUnit })
      .from(cases)
      .innerJoin(firms, eq(firms.id, cases.firmId))
      .leftJoin(owner, eq(owner.id, cases.ownerId))
      .leftJoin(ownerUnit, eq(ownerUnit.id, owner.unitId))
      .leftJoin(pending, eq(pending.id, cases.pendingOwnerId))
      .leftJoin(pendingUnit, eq(pendingUnit.id, pending.unitId))
      .where(eq(cases.ref, ref)),
    db.select().from(caseObligations).where(sql`${caseObligations.caseId} = ${id}`).orderBy(asc(caseObligations.cycle), asc(caseObligations.dueAt)),
    db
      .select({ id: specialists.id, name: specialists.name, unitZh: units.nameZh, unitEn: units.nameEn, addedAt: caseCoHandlers.addedAt })
      .from(caseCoHandlers)
      .innerJoin(specialists, eq(specialists.id, caseCoHandlers.specialistId))
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(sql`${caseCoHandlers.caseId} = ${id}`)
      .orderBy(asc(caseCoHandlers.addedAt)),
    db
      .select({ event: caseEvents, actorName: actor.name })
      .from(caseEvents)
      .leftJoin(actor, and(eq(caseEvents.actorType, "specialist"), eq(actor.id, caseEvents.actorId)))
      .where(sql`${caseEvents.caseId} = ${id}`)
      .orderBy(asc(caseEvents.id)),
    db
      .select({
        notice: supervisionNotices,
        unitZh: addressee.nameZh,
        unitEn: addressee.nameEn,
        // The addressed unit's principal: its (longest-serving) active head.
        principal: sql<string | null>`(SELECT h.name FROM specialists h WHERE h.unit_id = ${supervisionNotices.unitId} AND h.role = 'unit_head' AND h.active = 1 ORDER BY h.created_at LIMIT 1)`,
      })
      .from(supervisionNotices)
      .leftJoin(addressee, eq(addressee.id, supervisionNotices.unitId))
      .where(sql`${supervisionNotices.caseId} = ${id}`)
      .orderBy(asc(supervisionNotices.level)),
    ...calendarWindow(db, addDays(today, -CALENDAR_LOOKBACK_DAYS), addDays(today, CALENDAR_WINDOW_DAYS)),
    // Whom the owner may bring in: active specialists who have joined, of any unit.
    db
      .select({ id: specialists.id, name: specialists.name, unitZh: units.nameZh, unitEn: units.nameEn })
      .from(specialists)
      .innerJoin(units, eq(units.id, specialists.unitId))
      .where(and(eq(specialists.active, true), sql`${specialists.telegramId} IS NOT NULL`, ne(specialists.role, "admin")))
      .orderBy(asc(specialists.unitId), asc(specialists.id)),
    // The supervising office, the issuer of notices.
    db.select({ id: units.id, nameZh: units.nameZh, nameEn: units.nameEn }).from(units).where(eq(units.kind, "bizenv")).orderBy(asc(units.id)).limit(1),
  ]);
  const row = found[0];
  if (!row) return undefined;
  const calendar = makeCalendar(days, years.map((y) => y.year));
  const policiesByKind = Object.fromEntries(CASE_KINDS.map((kind) => [kind, policyFor(kind, policies)])) as RuleContext["policies"];
  const snapshot = caseSnapshot(row.case, row.owner?.unitId ?? null, obligations, coHandlers.map((h) => h.id));
  return {
    ...row,
    snapshot,
    obligations,
    coHandlers,
    events,
    notices,
    invitable,
    issuer: bizenvUnit[0],
    rules: { now, calendar, policies: policiesByKind } satisfies RuleContext,
  };
}

export type CaseRead = NonNullable<Awaited<ReturnType<typeof readCase>>>;

/** The ledger's scope: the department and admins see all; others their unit's cases and those they co-handle. */
export function maySee(viewer: Viewer, c: CaseRead): boolean {
  // Whoever recorded a case (a counter, the hotline) follows it, whichever unit it went to.
  return viewer.seesAll || c.snapshot.ownerUnitId === viewer.unitId || c.snapshot.coHandlers.includes(viewer.id) || c.case.recordedBy === viewer.id;
}

/** The case, when it exists and the viewer may see it. */
export async function visibleCase(handle: DbHandle, ref: string, viewer: Viewer, now: number): Promise<CaseRead | undefined> {
  if (!REF.test(ref)) return undefined;
  const c = await readCase(handle, ref, now);
  return c && maySee(viewer, c) ? c : undefined;
}

export const REF = /^HN-\d{4}-[A-Z0-9]{1,12}$/;
