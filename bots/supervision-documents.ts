// 三书一函 in words: the notice as a document a Hainan government office would send (title, 文号,
// addressee unit and its principal, facts, demand, deadline, issuer, date), and the messages around
// it: the draft the department signs off, the reminder of an unsigned draft, the unit's reply.
// Documents are Chinese: the supervising office writes to a government unit.
import { InlineKeyboard } from "grammy";
import type { MessagePayload } from "../db/queries/outbox.ts";
import { beijingDate } from "../domain/calendar.ts";
import type { Clock } from "../domain/obligations.ts";
import { noticeTypeOf, SIGN_REMINDER_HOURS } from "../domain/supervision.ts";
import type { CaseKind, Obligation } from "../domain/vocabulary.ts";
import { noticeAction } from "./callback-data.ts";
import { beijingTime } from "../lib/format.ts";
import { raw, t } from "../lib/i18n.ts";

/** What a notice states, whoever renders it (the cron's draft, the sign-off). */
export interface NoticeFacts {
  level: number;
  ref: string;
  firm: string;
  kind: CaseKind;
  receivedAt: number;
  obligation: Obligation;
  clock: Clock;
  missedDueAt: number;
  overdue: { amount: number; unit: "working_days" | "hours" };
  /** The responsible unit addressed, and its principal (the unit's heads), if known. */
  unit: string;
  principal: string | null;
  /** The supervising office's unit name, or the catalog's default issuer. */
  issuer: string | null;
}

/** 「2026年2月16日」: a document's dates. */
export function documentDate(instant: number): string {
  const [y, m, d] = beijingDate(instant).split("-").map(Number);
  return t("zh", "sv-date", { y: String(y), m: String(m), d: String(d) });
}

/** A due on hours names its hour; a working-day due is a date. */
function dueText(clock: Clock, dueAt: number): string {
  return clock === "hours" ? beijingTime("zh", dueAt) : documentDate(dueAt);
}

export function issuerOf(facts: Pick<NoticeFacts, "issuer">): string {
  return facts.issuer ?? t("zh", "sv-issuer-default");
}

export const noticeTitle = (level: number) => t("zh", `sv-title-${noticeTypeOf(level)}`);

/**
 * The document. A draft has no number yet and its deadline counts from the sign-off; the issued
 * document carries the number (or NUMBER_PLACEHOLDER, filled in by the batch that numbers it).
 */
export function noticeDocument(facts: NoticeFacts, issue: { number: string; at: number; deadlineAt: number } | { draftedAt: number; rectificationWorkingDays: number }): string {
  const issuer = issuerOf(facts);
  const issued = "number" in issue;
  const at = issued ? issue.at : issue.draftedAt;
  const deadline = issued ? t("zh", "sv-deadline-by", { date: documentDate(issue.deadlineAt) }) : t("zh", "sv-deadline-after-signing", { days: issue.rectificationWorkingDays });
  const overdue = t("zh", `sv-overdue-${facts.overdue.unit}`, { amount: facts.overdue.amount });
  return t("zh", "sv-document", {
    title: noticeTitle(facts.level),
    number: issued ? issue.number : t("zh", "sv-number-pending"),
    unit: facts.unit,
    principal: facts.principal ? t("zh", "sv-principal", { principal: facts.principal }) : "",
    firm: facts.firm,
    received: documentDate(facts.receivedAt),
    kind: t("zh", `kind-${facts.kind}`),
    ref: facts.ref,
    obligation: t("zh", `obligation-${facts.obligation}`),
    due: dueText(facts.clock, facts.missedDueAt),
    asOf: documentDate(at),
    overdue,
    demand: raw(t("zh", `sv-demand-${noticeTypeOf(facts.level)}`, { deadline, issuer })),
    issuer,
    date: documentDate(at),
  });
}

const zhOnly = (payload: MessagePayload) => ({ zh: payload, en: payload });

export const signKeyboard = (noticeId: string) => new InlineKeyboard().text(t("zh", "sv-button-sign"), noticeAction.encode({ action: "sign", noticeId }));
export const replyKeyboard = (noticeId: string) => new InlineKeyboard().text(t("zh", "sv-button-reply"), noticeAction.encode({ action: "reply", noticeId }));

/** To the department: the drafted document, with the button that signs it off. */
export function draftPayloads(facts: NoticeFacts, noticeId: string, draftedAt: number, rectificationWorkingDays: number) {
  const document = noticeDocument(facts, { draftedAt, rectificationWorkingDays });
  const text = t("zh", "sv-draft", { level: facts.level, title: noticeTitle(facts.level), ref: facts.ref, unit: facts.unit, document: raw(document) });
  return zhOnly({ text, parse_mode: "HTML", reply_markup: signKeyboard(noticeId) });
}

/** To the department, once: a draft still unsigned a working day later (an hour, for an obligation on hours). */
export function signReminderPayloads(n: { id: string; level: number; ref: string; unit: string; draftedAt: number; clock: Clock }) {
  const text = t("zh", n.clock === "hours" ? "sv-sign-reminder-hours" : "sv-sign-reminder", { ref: n.ref, title: noticeTitle(n.level), unit: n.unit, drafted: beijingTime("zh", n.draftedAt), hours: SIGN_REMINDER_HOURS });
  return zhOnly({ text, parse_mode: "HTML", reply_markup: signKeyboard(n.id) });
}

/** To the unit: the issued document, with the button that records its reply (整改情况). */
export function issuedPayloads(document: string, noticeId: string) {
  return zhOnly({ text: document, parse_mode: "HTML", reply_markup: replyKeyboard(noticeId) });
}

/** To the department: the unit's written reply against the notice. */
export function repliedPayloads(n: { ref: string; number: string; level: number; unit: string; by: string; at: number; text: string }) {
  const text = t("zh", "sv-replied", { ref: n.ref, number: n.number, title: noticeTitle(n.level), unit: n.unit, by: n.by, at: beijingTime("zh", n.at), text: n.text });
  return zhOnly({ text, parse_mode: "HTML" });
}
