// The one place that writes cases and case_events: an accepted decision of the case rules
// (domain/case-rules.ts), or a new case, becomes statements of the caller's unit of work — the
// webhook's commit batch, the cron's batch, a web request's batch. Every statement of a change is
// conditioned on the version the decision was made on, and the case's own update comes last, so a
// concurrent change makes the whole change a no-op inside the batch (the webhook also guards it and
// answers 503, so Telegram redelivers and the rules decide again on fresh state).
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Accepted, CasePatch, LedgerEvent } from "../domain/case-rules.ts";
import { headlineDues, type ObligationRecord } from "../domain/obligations.ts";
import type { ActorType, CaseKind, CaseStatus, RecordedChannel } from "../domain/vocabulary.ts";
import type { Db } from "./client.ts";
import { addsToOutbox, enqueueForRecipients, type LocalePayloads } from "./queries/outbox.ts";
import { attachments, caseObligations, cases } from "./schema.ts";

type Item = BatchItem<"sqlite">;

export interface Actor {
  type: ActorType;
  id: string | null;
}

/** A notice rendered for its audience: a SELECT of (key_suffix, channel, chat_id, locale) and both languages. */
export interface RenderedNotice {
  key: string;
  recipients: SQL;
  payloads: LocalePayloads;
  /** The investor whose words the message quotes: /deleteme removes it with theirs. */
  about?: number;
}

export interface CaseVersion {
  id: string;
  version: number;
  status: CaseStatus;
  kind: CaseKind;
}

/** True inside the batch while the case is still at the version the decision was made on. */
export function atVersion(c: Pick<CaseVersion, "id" | "version">): SQL {
  return sql`EXISTS (SELECT 1 FROM cases WHERE id = ${c.id} AND version = ${c.version})`;
}

function eventInsert(db: Db, caseId: string, at: number, actor: Actor, e: LedgerEvent, when: SQL): Item {
  return db.run(sql`
    INSERT INTO case_events (case_id, at, actor_type, actor_id, type, from_status, to_status, data)
    SELECT ${caseId}, ${at}, ${actor.type}, ${actor.id}, ${e.type}, ${e.from ?? null}, ${e.to ?? null}, ${e.data === null ? null : JSON.stringify(e.data)}
    WHERE ${when}`);
}

function obligationUpsert(db: Db, caseId: string, o: ObligationRecord, when: SQL): Item {
  return db.run(sql`
    INSERT INTO case_obligations (case_id, obligation, cycle, clock, due_at, original_due_at, state, met_at, met_by, moved)
    SELECT ${caseId}, ${o.obligation}, ${o.cycle}, ${o.clock}, ${o.dueAt}, ${o.originalDueAt}, ${o.state}, ${o.metAt}, ${o.metBy}, ${o.moved ? 1 : 0}
    WHERE ${when}
    ON CONFLICT (case_id, obligation, cycle) DO UPDATE SET
      due_at = excluded.due_at, state = excluded.state, met_at = excluded.met_at, met_by = excluded.met_by, moved = excluded.moved`);
}

function noticeInserts(db: Db, caseId: string, now: number, notices: readonly RenderedNotice[], when: SQL, refOfNewCase = false): Item[] {
  return notices.map((n) =>
    enqueueForRecipients(db, {
      keyPrefix: n.key,
      recipients: n.recipients,
      payloads: n.payloads,
      caseId,
      now,
      when,
      ...(n.about === undefined ? {} : { about: n.about }),
      ...(refOfNewCase ? { refOfCase: caseId } : {}),
    }),
  );
}

/**
 * The statements of an accepted decision. `all` is the case's obligations as read (to keep the
 * list columns in step); `notices` are the decision's notices rendered by the caller.
 */
export function decisionWrites(
  db: Db,
  options: { current: CaseVersion; decision: Accepted; actor: Actor; now: number; all: readonly ObligationRecord[]; notices: readonly RenderedNotice[]; when?: SQL },
): Item[] {
  const { current, decision, actor, now, all, notices } = options;
  const when = options.when ? sql`${atVersion(current)} AND ${options.when}` : atVersion(current);
  const items: Item[] = [
    ...decision.events.map((e) => eventInsert(db, current.id, now, actor, e, when)),
    ...decision.obligations.map((o) => obligationUpsert(db, current.id, o, when)),
    ...decision.coHandlersAdded.map((specialistId) =>
      db.run(sql`
        INSERT INTO case_co_handlers (case_id, specialist_id, added_by, added_at)
        SELECT ${current.id}, ${specialistId}, ${actor.id ?? "system"}, ${now} WHERE ${when}
        ON CONFLICT (case_id, specialist_id) DO NOTHING`),
    ),
    ...noticeInserts(db, current.id, now, notices, when),
  ];
  const changesClock = decision.obligations.length > 0 || decision.status !== current.status;
  const merged = mergeObligations(all, decision.obligations);
  items.push(
    // Last: the statements above saw the version the decision was made on.
    addsToOutbox(
      db
        .update(cases)
        .set({
          ...patchColumns(decision.patch),
          status: decision.status,
          ...(decision.obligations.length ? headlineDues(merged, decision.patch.kind ?? current.kind) : {}),
          // The cron plans this case again from its new obligations.
          ...(changesClock ? { nextAlertAt: now } : {}),
          version: sql`${cases.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(cases.id, current.id), eq(cases.version, current.version), options.when)),
    ),
  );
  return items;
}

function patchColumns(patch: CasePatch): Partial<typeof cases.$inferInsert> {
  const out: Partial<typeof cases.$inferInsert> = {};
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  return out;
}

export function mergeObligations(all: readonly ObligationRecord[], changed: readonly ObligationRecord[]): ObligationRecord[] {
  const key = (o: ObligationRecord) => `${o.obligation}:${o.cycle}`;
  const byKey = new Map(all.map((o) => [key(o), o]));
  for (const o of changed) byKey.set(key(o), o);
  return [...byKey.values()];
}

/** A ledger event with no change to the case (a reminder sent, a notice issued): still only here. */
export function eventWrite(db: Db, caseId: string, now: number, actor: Actor, event: LedgerEvent, when: SQL = sql`1 = 1`): Item {
  return eventInsert(db, caseId, now, actor, event, when);
}

/**
 * A case's supervision level, raised when a notice is signed off; the cron plans the ladder's next
 * step from the signed notice (on hour clocks it may be due within the hour).
 */
export function raiseEscalation(db: Db, caseId: string, level: number, now: number): Item {
  return db
    .update(cases)
    .set({ escalationLevel: sql`max(${cases.escalationLevel}, ${level})`, nextAlertAt: now, updatedAt: now })
    .where(eq(cases.id, caseId));
}

/** A case staff recorded from outside the bot: how it came in, who recorded it, whom to call back. */
export interface Recording {
  channel: RecordedChannel;
  ticketNo: string | null;
  recordedBy: string;
  contactName: string;
  contactPhone: string | null;
}

export interface NewCase {
  id: string;
  firmId: string;
  /** The investor who filed it in the bot; null for a case staff recorded. */
  createdBy: number | null;
  recording?: Recording;
  kind: CaseKind;
  summary: string;
  details: Record<string, string>;
  receivedAt: number;
  /** Year of receipt in Beijing time: the ref counts per year. */
  year: number;
  obligations: readonly ObligationRecord[];
  calendarWarning: string | null;
  /** By first-inquiry responsibility (domain/routing.ts); null leaves the case in the department's queue. */
  ownerId: string | null;
  routingRule: string;
  publicTokenHash: string;
}

/**
 * A new case: its ref, obligations (counted from its receipt, which a recorded case may date back),
 * first ledger events (a recorded case's names the channel, the ticket and the recorder), and the
 * files sent during the intake.
 */
export function newCaseWrites(db: Db, c: NewCase, notices: readonly RenderedNotice[], now: number): Item[] {
  const status = c.ownerId ? "assigned" : "received";
  const dues = headlineDues(c.obligations, c.kind);
  const r = c.recording;
  const receiver: Actor = r ? { type: "specialist", id: r.recordedBy } : { type: "investor", id: String(c.createdBy) };
  const always = sql`1 = 1`;
  return [
    db.run(sql`INSERT INTO case_ref_counters (year, last) VALUES (${c.year}, 1)
               ON CONFLICT (year) DO UPDATE SET last = last + 1`),
    addsToOutbox(
      db.insert(cases).values({
        id: c.id,
        ref: sql`(SELECT 'HN-' || year || '-' || printf('%06d', last) FROM case_ref_counters WHERE year = ${c.year})`,
        firmId: c.firmId,
        createdBy: c.createdBy,
        kind: c.kind,
        status,
        ownerId: c.ownerId,
        publicTokenHash: c.publicTokenHash,
        summary: c.summary,
        details: c.details,
        receivedAt: c.receivedAt,
        ...(r ? { channel: r.channel, ticketNo: r.ticketNo, recordedBy: r.recordedBy, contactName: r.contactName, contactPhone: r.contactPhone } : {}),
        ...dues,
        calendarWarning: c.calendarWarning,
        // The next tick plans this case's reminders.
        nextAlertAt: c.receivedAt,
        updatedAt: c.receivedAt,
      }),
    ),
    ...c.obligations.map((o) => obligationUpsert(db, c.id, o, always)),
    eventInsert(
      db,
      c.id,
      c.receivedAt,
      receiver,
      {
        type: "received",
        to: "received",
        data: {
          obligations: c.obligations.map((o) => ({ obligation: o.obligation, dueAt: o.dueAt })),
          calendarWarning: c.calendarWarning,
          ...(r ? { channel: r.channel, ticketNo: r.ticketNo, recordedAt: now } : {}),
        },
      },
      always,
    ),
    ...(c.ownerId
      ? [eventInsert(db, c.id, c.receivedAt, { type: "system", id: null }, { type: "assigned", from: "received", to: "assigned", data: { ownerId: c.ownerId, rule: c.routingRule } }, always)]
      : []),
    // Files sent during the intake wait without a case; they join the case it produced.
    ...(c.createdBy === null
      ? []
      : [db.update(attachments).set({ caseId: c.id }).where(and(eq(attachments.telegramId, c.createdBy), sql`${attachments.caseId} IS NULL`))]),
    // Texts built before the batch numbered the case carry REF_PLACEHOLDER for its ref.
    ...noticeInserts(db, c.id, now, notices, always, true),
  ];
}

export function obligationsOf(db: Db, caseId: string) {
  return db.select().from(caseObligations).where(eq(caseObligations.caseId, caseId)).orderBy(caseObligations.cycle, caseObligations.dueAt);
}

/** Revokes a case page's link: the case's token generation moves on and only the new token's hash is kept. */
export function linkRotationWrite(db: Db, caseId: string, generation: number, tokenHash: string): Item {
  return db.update(cases).set({ linkGeneration: generation, publicTokenHash: tokenHash }).where(eq(cases.id, caseId));
}
