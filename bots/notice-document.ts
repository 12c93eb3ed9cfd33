// A supervision notice (三书一函) as the document the supervising office issues to the responsible
// unit: title, 文号, addressee and its principal, the facts (case ref, kind, firm, obligation, due,
// how long overdue), the demand and its deadline, issuer and date. One model and one set of Fluent
// messages (notice-document.ftl), rendered per medium: plain text (frozen in supervision_notices.text
// at sign-off, shown on the web) and Telegram HTML (the draft to the department, the notice to the
// unit). Pure: the caller passes what the document names and "now". An issued document's 文号 is
// NUMBER_PLACEHOLDER until the sign-off batch numbers it; a draft says it is numbered at sign-off
// and that its deadline counts from then.
import type { MessagePayload } from "../db/queries/outbox.ts";
import { NUMBER_PLACEHOLDER } from "../db/supervision-writes.ts";
import { beijingDate, beijingMinute } from "../domain/calendar.ts";
import type { Clock } from "../domain/obligations.ts";
import { noticeTypeOf } from "../domain/supervision.ts";
import type { CaseKind, Locale, Obligation, SupervisionNoticeType } from "../domain/vocabulary.ts";
import { createTranslator, escapeHtml } from "../lib/fluent.ts";
import enDocument from "../lib/locales/en/notice-document.ftl" with { type: "text" };
import zhDocument from "../lib/locales/zh/notice-document.ftl" with { type: "text" };
import { noticeAction } from "./callback-data.ts";

const { t } = createTranslator({ zh: [zhDocument], en: [enDocument] }, { escapeArgs: false });

interface NoticeFacts {
  notice: SupervisionNoticeType;
  obligation: Obligation;
  missedDueAt: number;
  /** The obligation runs on hours (especially urgent): its due and lateness read in hours. */
  clock: Clock;
  /** How late the obligation is at `now`: working days, or hours. */
  overdue: number;
}

/** An issued notice carries its rectification deadline (set at sign-off); a draft, the working days it will give. */
export type DocumentNotice = NoticeFacts & ({ deadlineAt: number; draft?: undefined } | { draft: { rectificationWorkingDays: number }; deadlineAt?: undefined });

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

/** The notice's title: 提醒敦促函 … 责任约谈通知书. */
export const noticeTitle = (level: number, locale: Locale = "zh") => t(locale, `doc-title-${noticeTypeOf(level)}`);

/** The supervising office's name, or the catalog's when no department unit is set up. */
export const issuerName = (name: string | null | undefined, locale: Locale = "zh") => name ?? t(locale, "doc-issuer-default");

function dueOf(locale: Locale, n: NoticeFacts): string {
  return n.clock === "hours" ? t(locale, "doc-due-time", { date: documentDate(locale, n.missedDueAt), time: beijingMinute(n.missedDueAt).slice(11) }) : documentDate(locale, n.missedDueAt);
}

/** The document's parts, in order; the renderers only lay them out. */
function partsOf(notice: DocumentNotice, c: DocumentCase, unit: DocumentUnit, issuer: string, now: number, locale: Locale) {
  const args = {
    number: notice.draft ? t(locale, "doc-number-pending") : NUMBER_PLACEHOLDER,
    unit: unit.name,
    principal: unit.principal ?? t(locale, "doc-principal-unnamed"),
    ref: c.ref,
    kind: t(locale, `doc-kind-${c.kind}`),
    firm: c.firm,
    received: documentDate(locale, c.receivedAt),
    obligation: t(locale, `doc-obligation-${notice.obligation}`),
    due: dueOf(locale, notice),
    overdue: t(locale, notice.clock === "hours" ? "doc-overdue-hours" : "doc-overdue-days", { n: notice.overdue }),
    deadline: notice.draft ? t(locale, "doc-deadline-after-signing", { n: notice.draft.rectificationWorkingDays }) : t(locale, "doc-deadline-by", { date: documentDate(locale, notice.deadlineAt) }),
    issuer,
    date: documentDate(locale, now),
  };
  return {
    title: t(locale, `doc-title-${notice.notice}`),
    number: t(locale, "doc-number", args),
    addressee: t(locale, "doc-addressee", args),
    facts: t(locale, "doc-facts", args),
    demand: t(locale, `doc-demand-${notice.notice}`, args),
    issuer,
    date: args.date,
  };
}

type Parts = ReturnType<typeof partsOf>;
const layout = (p: Parts, title: string, line: (s: string) => string) =>
  [title, line(p.number), "", line(p.addressee), line(p.facts), line(p.demand), "", line(p.issuer), line(p.date)].join("\n");

/** Plain text: what is stored at sign-off and shown on the web (which escapes it). */
export function noticeDocument(notice: DocumentNotice, c: DocumentCase, unit: DocumentUnit, issuer: string, now: number, locale: Locale = "zh"): string {
  const parts = partsOf(notice, c, unit, issuer, now, locale);
  return layout(parts, parts.title, (s) => s);
}

/** Telegram HTML: the same document, its title in bold and every fact escaped. */
export function noticeDocumentHtml(notice: DocumentNotice, c: DocumentCase, unit: DocumentUnit, issuer: string, now: number, locale: Locale = "zh"): string {
  const parts = partsOf(notice, c, unit, issuer, now, locale);
  return layout(parts, `<b>${escapeHtml(parts.title)}</b>`, escapeHtml);
}

/**
 * To the unit, whichever medium signed it off: the issued document (Telegram HTML, numbered by the
 * sign-off batch) with the button that records its reply (整改情况). Units read Chinese.
 */
export function issuedPayloads(documentHtml: string, noticeId: string): { zh: MessagePayload; en: MessagePayload } {
  const reply = { text: t("zh", "doc-button-reply"), callback_data: noticeAction.encode({ action: "reply", noticeId }) };
  const payload: MessagePayload = { text: documentHtml, parse_mode: "HTML", reply_markup: { inline_keyboard: [[reply]] } };
  return { zh: payload, en: payload };
}
