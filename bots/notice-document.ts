// A supervision notice (三书一函) as the document the supervising office issues to the responsible
// unit: title, 文号, addressee and its principal, the facts (case ref, kind, firm, obligation, due,
// how long overdue), the demand and its deadline, issuer and date. Pure: the caller passes what the
// document names and "now"; the 文号 is NUMBER_PLACEHOLDER until the sign-off batch numbers it.
// Plain text (no HTML): it is stored frozen with its number and sent as written.
import { NUMBER_PLACEHOLDER } from "../db/supervision-writes.ts";
import { beijingDate, beijingMinute } from "../domain/calendar.ts";
import type { CaseKind, Locale, Obligation, SupervisionNoticeType } from "../domain/vocabulary.ts";
import { createTranslator } from "../lib/fluent.ts";
import enDocument from "../lib/locales/en/notice-document.ftl" with { type: "text" };
import zhDocument from "../lib/locales/zh/notice-document.ftl" with { type: "text" };

const { t } = createTranslator({ zh: [zhDocument], en: [enDocument] }, { escapeArgs: false });

export interface DocumentNotice {
  notice: SupervisionNoticeType;
  obligation: Obligation;
  missedDueAt: number;
  /** The obligation runs on hours (especially urgent): its due and lateness read in hours. */
  clock: "working_days" | "hours";
  /** How late the obligation is at signing: working days, or hours. */
  overdue: number;
  /** The rectification deadline set at sign-off. */
  deadlineAt: number;
}

export interface DocumentCase {
  ref: string;
  kind: CaseKind;
  firm: string;
  receivedAt: number;
}

export interface DocumentUnit {
  name: string;
  /** The unit's head, named as its principal; null: "主要负责同志". */
  principal: string | null;
}

/** "2026年3月2日" (zh) or "2 March 2026" (en): a Beijing date. */
export function documentDate(locale: Locale, instant: number): string {
  const [y, m, d] = beijingDate(instant).split("-").map(Number) as [number, number, number];
  return t(locale, "doc-date", { year: String(y), month: m, day: d });
}

function dueOf(locale: Locale, n: DocumentNotice): string {
  return n.clock === "hours" ? t(locale, "doc-due-time", { date: documentDate(locale, n.missedDueAt), time: beijingMinute(n.missedDueAt).slice(11) }) : documentDate(locale, n.missedDueAt);
}

export function noticeDocument(notice: DocumentNotice, c: DocumentCase, unit: DocumentUnit, issuer: string, now: number, locale: Locale = "zh"): string {
  const args = {
    number: NUMBER_PLACEHOLDER,
    unit: unit.name,
    principal: unit.principal ?? t(locale, "doc-principal-unnamed"),
    ref: c.ref,
    kind: t(locale, `doc-kind-${c.kind}`),
    firm: c.firm,
    received: documentDate(locale, c.receivedAt),
    obligation: t(locale, `doc-obligation-${notice.obligation}`),
    due: dueOf(locale, notice),
    overdue: t(locale, notice.clock === "hours" ? "doc-overdue-hours" : "doc-overdue-days", { n: notice.overdue }),
    deadline: documentDate(locale, notice.deadlineAt),
    issuer,
    date: documentDate(locale, now),
  };
  return [
    t(locale, `doc-title-${notice.notice}`),
    t(locale, "doc-number", args),
    "",
    t(locale, "doc-addressee", args),
    t(locale, "doc-facts", args),
    t(locale, `doc-demand-${notice.notice}`, args),
    "",
    issuer,
    args.date,
  ].join("\n");
}
