// Recording a case received outside the bot (12345 with its ticket, a service-hall counter, 企业码,
// a phone call), for the web's form and the chat's /record alike: the fields checked with the
// record form's rules, the receipt time and the ticket checked (domain/recording.ts), then the
// same case module as a filed case — obligations counted from the time of receipt, first-inquiry
// routing, the owner's notice and the firm's status update through the outbox — as statements of
// the caller's one write batch. A firm not registered yet is created, with no member (unverified).
import type { BatchItem } from "drizzle-orm/batch";
import { newCaseWrites, type RenderedNotice } from "../db/case-writes.ts";
import type { Db } from "../db/client.ts";
import { firmMembers, owner as ownerAudience } from "../db/queries/audiences.ts";
import { REF_PLACEHOLDER, limitWithRefs } from "../db/queries/outbox.ts";
import type { RecordCandidate } from "../db/queries/recording.ts";
import { firms } from "../db/schema.ts";
import { beijingYear } from "../domain/calendar.ts";
import type { RuleContext } from "../domain/case-rules.ts";
import { headlineDues, obligationsFor } from "../domain/obligations.ts";
import { checkReceipt, isRecordedChannel, parseBeijingMinute, type Refusal } from "../domain/recording.ts";
import { routeCase } from "../domain/routing.ts";
import type { CaseKind } from "../domain/vocabulary.ts";
import { caseLink, caseTokenWith } from "../lib/case-token.ts";
import { sha256Hex } from "../lib/crypto.ts";
import { beijingTime } from "../lib/format.ts";
import { raw, t } from "../lib/i18n.ts";
import { fitText } from "../lib/telegram-text.ts";
import { nextText } from "./case-notices.ts";
import { checkText, isOptional, type Draft } from "./forms/engine.ts";
import { FIRM_KNOWN, recordForm } from "./forms/record-form.ts";
import { statusUpdatePayloads } from "./notices.ts";
import { ownerKeyboard } from "./specialist-keyboards.ts";

type Item = BatchItem<"sqlite">;
type FirmRow = typeof firms.$inferSelect;

/** What the caller's read batch found (db/queries/recording.ts). */
export interface RecordFacts {
  firm: FirmRow | undefined;
  candidates: readonly RecordCandidate[];
  members: number;
  /** The ref of the case that already has this 12345 ticket. */
  ticketTakenBy: string | undefined;
}

export interface CheckedRecord {
  draft: Draft;
  receivedAt: number;
}

/**
 * Every field by the record form's rules (those that apply: a registered firm needs no name or
 * area), then the time of receipt against now and the ticket against the cases recorded before.
 */
export function checkRecord(given: Draft, facts: RecordFacts, now: number): { ok: true; value: CheckedRecord } | { ok: false; refusals: Refusal[] } {
  const refusals: Refusal[] = [];
  const draft: Draft = { [FIRM_KNOWN]: facts.firm ? "yes" : "no" };
  for (const field of recordForm.fields) {
    if (field.when && !field.when(draft)) continue;
    const raw = (given[field.key] ?? "").trim();
    if (!raw && isOptional(field, draft)) continue;
    if (field.kind === "choice") {
      if (field.choices?.includes(raw)) draft[field.key] = raw;
      else refusals.push({ field: field.key, code: raw ? "pick-an-option" : "required" });
      continue;
    }
    const checked = checkText(field, raw);
    if (checked.ok) draft[field.key] = checked.value;
    else refusals.push({ field: field.key, code: checked.rule.code, ...(checked.rule.args ? { args: checked.rule.args } : {}) });
  }
  const receivedAt = draft.received_at ? parseBeijingMinute(draft.received_at) : now;
  if (receivedAt !== undefined) {
    const refused = checkReceipt(receivedAt, now);
    if (refused) refusals.push(refused);
  }
  if (draft.ticket_no && facts.ticketTakenBy) refusals.push({ field: "ticket_no", code: "ticket-taken", args: { ref: facts.ticketTakenBy } });
  if (refusals.length || receivedAt === undefined) return { ok: false, refusals };
  return { ok: true, value: { draft, receivedAt: Math.min(receivedAt, now) } };
}

/** A refusal in both languages, naming the field and the rule. */
export function refusalLines(refusal: Refusal): string {
  const line = (locale: "zh" | "en") =>
    t(locale, "form-invalid", { field: raw(t(locale, `field-${refusal.field}`)), rule: raw(t(locale, `rule-${refusal.code}`, refusal.args)) });
  return `${line("zh")}\n${line("en")}`;
}

export interface Recorded {
  items: Item[];
  caseId: string;
  link: string;
  ownerId: string | null;
  /** The firm has members in the bot, who are told; otherwise the recorder passes the link on. */
  firmTold: boolean;
  firstResponseDueAt: number;
  resolutionDueAt: number;
}

const CJK = /[\u3400-\u9fff]/;

export async function recordCaseWrites(
  db: Db,
  options: {
    settings: { CASE_LINK_SECRET: string; PUBLIC_BASE_URL: string };
    rules: RuleContext;
    recorder: { id: string; name: string };
    record: CheckedRecord;
    facts: RecordFacts;
    now: number;
  },
): Promise<Recorded> {
  const { settings, rules, recorder, facts, now } = options;
  const { draft, receivedAt } = options.record;
  if (!isRecordedChannel(draft.channel!)) throw new Error("a record without its channel");
  const kind = draft.case_kind as CaseKind;
  const items: Item[] = [];
  let firm = facts.firm;
  if (!firm) {
    const name = draft.firm_name!;
    firm = {
      id: crypto.randomUUID(),
      uscc: draft.firm_uscc!,
      nameZh: CJK.test(name) ? name : null,
      nameEn: CJK.test(name) ? null : name,
      areaCode: draft.firm_area!,
      // Not asked at the counter: the firm's own members complete it when they join.
      industry: "other",
      foreignInvested: true,
      investorCountry: null,
      specialistId: null,
      createdAt: now,
    };
    items.push(db.insert(firms).values(firm).onConflictDoNothing({ target: firms.uscc }));
  }
  const { records, warnings } = obligationsFor(rules.calendar, rules.policies[kind], receivedAt);
  const dues = headlineDues(records, kind);
  const route = routeCase(facts.candidates.map((c) => ({ specialistId: c.specialistId, reachable: true, assigned: c.rank === 0, onDutyInArea: c.rank === 1, createdAt: c.createdAt })));
  const owner = route.ownerId ? facts.candidates.find((c) => c.specialistId === route.ownerId) : undefined;
  const caseId = crypto.randomUUID();
  const token = await caseTokenWith(settings.CASE_LINK_SECRET, caseId, 1);
  const link = caseLink(settings, token);
  const text = draft.case_text!;
  const flat = text.replace(/\s+/g, " ");
  const summary = [...flat].length > 120 ? `${[...flat].slice(0, 119).join("")}…` : flat;
  const ticket = draft.ticket_no ? ` ${draft.ticket_no}` : "";
  const facts_ = {
    ref: REF_PLACEHOLDER,
    kind: t("zh", `kind-${kind}`),
    firm: firm.nameZh ?? firm.nameEn ?? firm.uscc,
    uscc: firm.uscc,
    channel: `${t("zh", `option-channel-${draft.channel}`)}${ticket}`,
    receivedAt: beijingTime("zh", receivedAt),
    recorder: recorder.name,
    contact: [draft.caller_name, draft.caller_phone].filter(Boolean).join(" "),
    firstDue: beijingTime("zh", dues.firstResponseDueAt),
    due: beijingTime("zh", dues.resolutionDueAt),
    summary,
  };
  const pointer = t("zh", "full-text-at", { command: `/case ${REF_PLACEHOLDER}` });
  const noticeText = fitText((cut) => t("zh", owner ? "record-owner-notice" : "record-queue-notice", { ...facts_, original: cut(text) }), { pointer, limit: limitWithRefs }).text;
  const notice = { text: noticeText, parse_mode: "HTML" as const, reply_markup: ownerKeyboard(caseId, kind) };
  const notices: RenderedNotice[] = [{ key: `case:${caseId}:assigned:`, recipients: ownerAudience(route.ownerId), payloads: { zh: notice, en: notice } }];
  const first = records[0]!;
  const firmTold = facts.members > 0;
  if (firmTold) {
    notices.push({
      key: `status:${caseId}:${route.ownerId ? "assigned" : "received"}:`,
      recipients: firmMembers(firm.id, caseId),
      payloads: statusUpdatePayloads({
        ref: REF_PLACEHOLDER,
        status: route.ownerId ? "assigned" : "received",
        next: (locale) => nextText(locale, { obligation: "first_response", dueAt: first.dueAt, clock: first.clock }, rules.calendar),
        unit: owner ? { zh: owner.unitNameZh, en: owner.unitNameEn } : null,
        link,
      }),
    });
  }
  items.push(
    ...newCaseWrites(
      db,
      {
        id: caseId,
        firmId: firm.id,
        createdBy: null,
        recording: {
          channel: draft.channel,
          ticketNo: draft.ticket_no ?? null,
          recordedBy: recorder.id,
          contactName: draft.caller_name!,
          contactPhone: draft.caller_phone ?? null,
        },
        kind,
        summary,
        details: { case_text: text },
        receivedAt,
        year: beijingYear(receivedAt),
        obligations: records,
        calendarWarning: warnings.length ? warnings.map((w) => `${w.code}:${w.year}`).join(",") : null,
        ownerId: route.ownerId,
        routingRule: route.rule,
        publicTokenHash: await sha256Hex(token),
      },
      notices,
      now,
    ),
  );
  return { items, caseId, link, ownerId: route.ownerId, firmTold, ...dues };
}
