// The case module's notices in words: each notice of a decision (who hears, which template) becomes
// an outbox row per recipient, in the recipient's language. Investors get both languages (theirs
// first; Chinese is authoritative); specialists and units read Chinese.
import { InlineKeyboard } from "./inline-keyboard.ts";
import type { RenderedNotice } from "../db/case-writes.ts";
import { bizenvDepartment, firmMembers, owner, specialist, unitHeads } from "../db/queries/audiences.ts";
import { withTranslation, type MessagePayload } from "../db/queries/outbox.ts";
import { crossing, TRANSLATION_SLOT } from "../lib/translation.ts";
import type { WorkCalendar } from "../domain/calendar.ts";
import type { NextStep, Notice } from "../domain/case-rules.ts";
import type { CaseKind, CaseStatus } from "../domain/vocabulary.ts";
import { specialistAction } from "./callback-data.ts";
import { beijingTime, dueText } from "../lib/format.ts";
import { t, type Locale } from "../lib/i18n.ts";
import { statusUpdatePayloads, surveyPayloads } from "./notices.ts";

/** What every notice of one case may name. */
export interface CaseFacts {
  id: string;
  ref: string;
  kind: CaseKind;
  firmId: string;
  ownerId: string | null;
  /** The owner's unit after the change; null: the department's queue. */
  unit: { zh: string; en: string } | null;
  link: string;
  calendar: WorkCalendar;
  /** The investor who acted: what the owner is told quotes them. */
  about?: number;
}

/** What comes next, in the reader's language: dates for working-day dues, times for hour clocks. */
export function nextText(locale: Locale, next: NextStep, calendar: WorkCalendar): string {
  if (next === null) return t(locale, "next-none");
  if ("feedback" in next) return t(locale, "next-feedback");
  if ("resolution" in next) return t(locale, "next-resolution");
  const due = next.clock === "hours" ? beijingTime(locale, next.dueAt) : dueText(locale, next.dueAt, calendar);
  return t(locale, `next-${next.obligation}`, { due });
}

function zhOnly(payload: MessagePayload): { zh: MessagePayload; en: MessagePayload } {
  return { zh: payload, en: payload };
}

/** Each decision notice as outbox rows; `key` makes them once per update (or tick). */
export function renderNotices(notices: readonly Notice[], facts: CaseFacts, status: CaseStatus, key: string): RenderedNotice[] {
  return notices.map((n, i): RenderedNotice => {
    const prefix = `case:${facts.id}:${key}:${i}:`;
    switch (n.to) {
      case "firm":
        if (n.template === "survey") return { key: prefix, recipients: firmMembers(facts.firmId, facts.id), payloads: surveyPayloads(facts.ref, facts.id) };
        if (n.template === "closed_no_feedback") {
          const text = (locale: Locale) => ({ text: t(locale, "survey-closed-no-feedback", { ref: facts.ref }), parse_mode: "HTML" as const });
          return { key: prefix, recipients: firmMembers(facts.firmId, facts.id), payloads: { zh: text("zh"), en: text("en") } };
        }
        return {
          key: prefix,
          recipients: firmMembers(facts.firmId, facts.id),
          payloads: statusUpdatePayloads({
            ref: facts.ref,
            status,
            next: (locale) => nextText(locale, n.next, facts.calendar),
            unit: facts.unit,
            link: facts.link,
            ...(n.detail ? { detail: (locale: Locale) => t(locale, n.detail!.key, { text: n.detail!.text, ref: facts.ref }), detailText: n.detail.text } : {}),
          }),
        };
      case "owner": {
        // The investor's own words (a message, a reason) end the notice; in English, a translation follows them.
        const words = n.args.text ?? n.args.reason;
        const translation = typeof words === "string" ? crossing(words, "zh", t("zh", "full-text-at", { command: `/case ${facts.ref}` })) : null;
        const text = t("zh", `owner-${n.template}`, { ref: facts.ref, ...n.args, ...("due" in n.args ? { due: beijingTime("zh", Number(n.args.due)) } : {}) }) + (translation ? `\n${TRANSLATION_SLOT}` : "");
        const payload = withTranslation({ text, parse_mode: "HTML" }, translation);
        return { key: prefix, recipients: owner(facts.ownerId), payloads: zhOnly(payload), ...(facts.about === undefined ? {} : { about: facts.about }) };
      }
      case "unit_heads": {
        const text = t("zh", `owner-${n.template}`, { ref: facts.ref, due: beijingTime("zh", Number(n.args.due)) });
        return { key: prefix, recipients: unitHeads(facts.ownerId), payloads: zhOnly({ text, parse_mode: "HTML" }) };
      }
      case "specialist": {
        const text = t("zh", `specialist-${n.template}`, { ref: facts.ref, kind: t("zh", `kind-${facts.kind}`) });
        return { key: prefix, recipients: specialist(n.specialistId, "to"), payloads: zhOnly({ text, parse_mode: "HTML" }) };
      }
      case "department": {
        const text = t("zh", `department-${n.template}`, { ref: facts.ref, ...n.args });
        const keyboard = new InlineKeyboard().text(t("zh", "sp-button-approve"), specialistAction.encode({ action: "approve", caseId: facts.id }));
        return { key: prefix, recipients: bizenvDepartment(), payloads: zhOnly({ text, parse_mode: "HTML", reply_markup: keyboard }) };
      }
    }
  });
}
