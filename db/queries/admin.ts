// The administrators' changes, shared by the admin API (Bearer token) and the admin pages of the
// supervisors' web: each change is written with its audit event in one batch, naming who made it.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { decisionWrites, type RenderedNotice } from "../case-writes.ts";
import { passkeys } from "../passkey-schema.ts";
import { auditEvents, calendarDays, calendarYears, caseCoHandlers, caseObligations, cases, firms, outbox, slaPolicies, specialists, units, webSignIns } from "../schema.ts";
import { makeCalendar } from "../../domain/calendar.ts";
import { decide, type Accepted } from "../../domain/case-rules.ts";
import { DEFAULT_SLA_POLICIES } from "../../domain/obligations.ts";
import { OPEN_STATUSES, type CaseKind, type SpecialistRole } from "../../domain/vocabulary.ts";
import { diffSchedule, type ScheduleDiff, type ScheduleDay } from "../../domain/calendar-import.ts";
import { sha256Hex } from "../../lib/crypto.ts";

const INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const INVITE_TTL_MS = 72 * 3_600_000;

/** Who acted: "admin-api", or "web:<specialist id>" for an admin signed in to the web. */
export type Actor = string;

export function audit(db: Db, at: number, actor: Actor, action: string, target: string, data: unknown) {
  return db.insert(auditEvents).values({ at, actor, action, target, data });
}

function newInviteCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join("");
}

const formatInvite = (code: string) => code.match(/.{1,4}/g)!.join("-");

export interface SpecialistInput {
  id: string;
  name: string;
  unitId: string;
  areaCode?: string | undefined;
  role: SpecialistRole;
  deputyId?: string | undefined;
  noticeChatId?: number | undefined;
  /** Re-inviting a deactivated specialist reactivates them only when this is said explicitly. */
  reactivate?: boolean | undefined;
}

export type InviteResult = { ok: true; inviteCode: string; expiresAt: number } | { ok: false; reason: "no_unit" | "inactive" };

/**
 * Registers (or re-invites) a specialist; the code is shown once, only its hash is kept. A re-invite
 * hands the record to whoever claims the new code: the Telegram binding is cleared (the old account
 * stops being a specialist), web sessions end (a new generation), unused sign-in links and the passkeys go. A
 * deactivated specialist stays deactivated unless `reactivate`: the upsert's own condition decides, so
 * a deactivation racing this call is never undone silently.
 */
export async function inviteSpecialist(db: Db, s: SpecialistInput, now: number, actor: Actor): Promise<InviteResult> {
  const [unitRows] = await db.batch([db.select({ id: units.id }).from(units).where(eq(units.id, s.unitId))]);
  if (unitRows.length === 0) return { ok: false, reason: "no_unit" };
  const code = newInviteCode();
  const inviteCodeHash = await sha256Hex(code);
  const values = {
    name: s.name,
    unitId: s.unitId,
    areaCode: s.areaCode ?? null,
    role: s.role,
    deputyId: s.deputyId ?? null,
    noticeChatId: s.noticeChatId ?? null,
    inviteCodeHash,
    inviteExpiresAt: now + INVITE_TTL_MS,
    telegramId: null,
    active: true,
  };
  // Whether the upsert above it took effect: only then do the sign-in links go and the audit event count.
  const invited = sql`EXISTS (SELECT 1 FROM specialists WHERE id = ${s.id} AND invite_code_hash = ${inviteCodeHash})`;
  const [upserted] = await db.batch([
    db
      .insert(specialists)
      .values({ id: s.id, ...values, createdAt: now })
      .onConflictDoUpdate({
        target: specialists.id,
        set: { ...values, sessionGeneration: sql`${specialists.sessionGeneration} + 1` },
        ...(s.reactivate ? {} : { setWhere: eq(specialists.active, true) }),
      })
      .returning({ id: specialists.id }),
    db.delete(webSignIns).where(and(eq(webSignIns.specialistId, s.id), isNull(webSignIns.usedAt), invited)),
    // A lost passkey: the new invite revokes the old ones (the new generation already refuses them).
    db.delete(passkeys).where(and(eq(passkeys.specialistId, s.id), invited)),
    db.run(sql`INSERT INTO audit_events (at, actor, action, target, data)
               SELECT ${now}, ${actor}, 'specialist.invite', ${s.id}, ${JSON.stringify(s)} WHERE ${invited}`),
  ]);
  if (upserted.length === 0) return { ok: false, reason: "inactive" };
  return { ok: true, inviteCode: formatInvite(code), expiresAt: now + INVITE_TTL_MS };
}

/** A case a deactivated specialist owned, handed over: what its notices name. */
export interface HandedCase {
  id: string;
  ref: string;
  kind: CaseKind;
  firmId: string;
  /** Who owned it (the deactivated specialist). */
  from: string;
}

/** Puts a hand-over's notices in words (the caller's catalogs): the new owner, or the department for its queue. */
export type HandOverNotices = (c: HandedCase, decision: Accepted, to: { id: string; unitId: string } | null) => RenderedNotice[];

export interface Deactivated {
  handedOver: { ref: string; to: string | null }[];
}

/** A batch that a change made meanwhile rolled back: read again and decide again. */
const ATTEMPTS = 3;

/**
 * Deactivates a specialist (off duty, no sign-in, web sessions ended for good). Their open cases go to their deputy if active,
 * else to the department's queue: a hand_over decision of the case module per case, with its
 * ledger event and the new owner told, in the same batch as the deactivation and its audit event.
 * undefined: no such specialist.
 */
export async function deactivateSpecialist(db: Db, id: string, now: number, actor: Actor, notices: HandOverNotices): Promise<Deactivated | undefined> {
  for (let attempt = 1; ; attempt++) {
    const owned = sql`(SELECT id FROM cases WHERE owner_id = ${id} AND status IN ${OPEN_STATUSES})`;
    const [people, deputies, open, obligations, coHandlers] = await db.batch([
      db.select({ id: specialists.id, unitId: specialists.unitId }).from(specialists).where(eq(specialists.id, id)),
      db
        .select({ id: specialists.id, unitId: specialists.unitId })
        .from(specialists)
        .where(and(sql`${specialists.id} = (SELECT deputy_id FROM specialists WHERE id = ${id})`, eq(specialists.active, true), sql`${specialists.id} <> ${id}`)),
      db.select().from(cases).where(and(eq(cases.ownerId, id), inArray(cases.status, [...OPEN_STATUSES]))),
      db.select().from(caseObligations).where(sql`${caseObligations.caseId} IN ${owned}`),
      db.select({ caseId: caseCoHandlers.caseId, specialistId: caseCoHandlers.specialistId }).from(caseCoHandlers).where(sql`${caseCoHandlers.caseId} IN ${owned}`),
    ]);
    const person = people[0];
    if (!person) return undefined;
    const to = deputies[0] ?? null;
    const rules = { now, calendar: makeCalendar([], []), policies: DEFAULT_SLA_POLICIES };
    const handedOver: Deactivated["handedOver"] = [];
    const writes = open.flatMap((c) => {
      const records = obligations.filter((o) => o.caseId === c.id).map(({ caseId: _, ...o }) => o);
      const snapshot = { ...c, ownerUnitId: person.unitId, obligations: records, coHandlers: coHandlers.filter((h) => h.caseId === c.id).map((h) => h.specialistId) };
      const decision = decide(snapshot, { action: "hand_over", toSpecialistId: to?.id ?? null, toUnitId: to?.unitId ?? null, reason: "deactivated" }, { type: "system" }, rules);
      if (!decision.ok) return [];
      handedOver.push({ ref: c.ref, to: to?.id ?? null });
      return decisionWrites(db, { current: c, decision, actor: { type: "system", id: null }, now, all: records, notices: notices({ id: c.id, ref: c.ref, kind: c.kind, firmId: c.firmId, from: id }, decision, to) });
    });
    // Every case as it was read, or nothing at all (the hand-overs are decided again).
    const unchanged = open.length ? sql.join(open.map((c) => sql`EXISTS (SELECT 1 FROM cases WHERE id = ${c.id} AND version = ${c.version})`), sql` AND `) : sql`1 = 1`;
    try {
      await db.batch([
        db.run(sql`INSERT INTO tx_guard (ok) SELECT CASE WHEN ${unchanged} THEN 1 ELSE 0 END`),
        // Off duty, no sign-in, web sessions ended for good.
        db.update(specialists).set({ active: false, onDuty: false, sessionGeneration: sql`${specialists.sessionGeneration} + 1` }).where(eq(specialists.id, id)),
        db.delete(webSignIns).where(and(eq(webSignIns.specialistId, id), isNull(webSignIns.usedAt))),
        audit(db, now, actor, "specialist.deactivate", id, handedOver.length ? { handedOver } : null),
        ...writes,
        db.run(sql`DELETE FROM tx_guard`),
      ]);
      return { handedOver };
    } catch (error) {
      if (attempt >= ATTEMPTS || !/CHECK constraint failed: tx_guard_ok/.test(`${(error as Error)?.message} ${String((error as { cause?: unknown })?.cause ?? "")}`)) throw error;
    }
  }
}

/** Makes a specialist the firm's one specialist; false: no such firm, or no such active specialist. */
export async function assignFirm(db: Db, uscc: string, specialistId: string, now: number, actor: Actor): Promise<boolean> {
  const [active] = await db.batch([db.select({ id: specialists.id }).from(specialists).where(and(eq(specialists.id, specialistId), eq(specialists.active, true)))]);
  if (active.length === 0) return false;
  const [updated] = await db.batch([
    db.update(firms).set({ specialistId }).where(eq(firms.uscc, uscc.toUpperCase())).returning({ id: firms.id }),
    audit(db, now, actor, "firm.assign", uscc.toUpperCase(), { specialistId }),
  ]);
  return updated.length > 0;
}

export interface SlaInput {
  firstResponseWorkingDays: number;
  firstResponseHours: number | null;
  resolutionWorkingDays: number;
}

/** A kind's SLA targets; new cases only (deadlines of existing cases stay as they were computed). */
export async function updateSla(db: Db, kind: CaseKind, policy: SlaInput, now: number, actor: Actor): Promise<void> {
  const values = { ...policy, updatedAt: now };
  await db.batch([
    db.insert(slaPolicies).values({ kind, ...values }).onConflictDoUpdate({ target: slaPolicies.kind, set: values }),
    audit(db, now, actor, "sla.update", kind, policy),
  ]);
}

export interface Schedule {
  year: number;
  source: string;
  days: ScheduleDay[];
}

/**
 * What loading the schedule would change, against what is stored for its year and for the dates it
 * names (a December day of the year before may be stored already, e.g. by the seed under its own year).
 */
export async function previewSchedule(db: Db, schedule: Schedule): Promise<ScheduleDiff> {
  const dates = schedule.days.map((d) => d.date);
  const existing = await db.select().from(calendarDays).where(or(eq(calendarDays.year, schedule.year), inArray(calendarDays.date, dates)));
  return diffSchedule(existing.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? "" })), schedule.days);
}

/** Replaces the year's official schedule; a date it names that is stored already becomes this notice's. */
export async function loadSchedule(db: Db, schedule: Schedule, now: number, actor: Actor): Promise<ScheduleDiff> {
  const diff = await previewSchedule(db, schedule);
  await db.batch([
    db.delete(calendarDays).where(eq(calendarDays.year, schedule.year)),
    db
      .insert(calendarDays)
      .values(schedule.days.map((d) => ({ ...d, year: schedule.year })))
      .onConflictDoUpdate({ target: calendarDays.date, set: { kind: sql`excluded.kind`, name: sql`excluded.name`, year: sql`excluded.year` } }),
    db.insert(calendarYears).values({ year: schedule.year, source: schedule.source, loadedAt: now }).onConflictDoUpdate({ target: calendarYears.year, set: { source: schedule.source, loadedAt: now } }),
    audit(db, now, actor, "calendar.load", String(schedule.year), { source: schedule.source, days: schedule.days.length, diff: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length } }),
  ]);
  return diff;
}

/**
 * Sends a dead letter again, from its first attempt; its chat's later messages wait for it (they
 * have higher ids). Audited only when the row moved: SQLite's changes() counts the UPDATE just
 * before it in this batch's one transaction. false: no such dead letter.
 */
export async function redriveOutbox(db: Db, id: number, now: number, actor: Actor): Promise<boolean> {
  const [moved] = await db.batch([
    db
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null, deadAt: null })
      .where(and(eq(outbox.id, id), eq(outbox.status, "dead")))
      .returning({ id: outbox.id }),
    db.run(sql`INSERT INTO audit_events (at, actor, action, target) SELECT ${now}, ${actor}, 'outbox.redrive', ${String(id)} WHERE changes() > 0`),
  ]);
  return moved.length > 0;
}
