// The one place that builds what a case's people are told: bilingual status updates for the
// firm (the reader's language first; Chinese is authoritative) and the owner's notices.
import { InlineKeyboard } from "./inline-keyboard.ts";
import { limitWithRefs, limitWithTranslation, withTranslation, type MessagePayload } from "../db/queries/outbox.ts";
import { RATINGS, type CaseStatus } from "../domain/vocabulary.ts";
import { packBlocks } from "../lib/telegram-text.ts";
import { feedbackChoice } from "./callback-data.ts";
import { otherLocale, raw, t, type Locale } from "../lib/i18n.ts";
import { crossing, TRANSLATION_SLOT, type TranslationRequest } from "../lib/translation.ts";

export interface StatusFacts {
  ref: string;
  status: CaseStatus;
  /** What happens next, in the reader's language. */
  next: (locale: Locale) => string;
  /** The owner's unit, or null while the case waits in the department's queue. */
  unit: { zh: string; en: string } | null;
  link: string;
  /** An extra line before "next" (e.g. the specialist's reply), in the reader's language. */
  detail?: (locale: Locale) => string;
  /** The free text inside the detail (a reply, an outcome, a reason): the reader of the other language gets its machine translation. */
  detailText?: string;
}

/** The detail's translation for a reader of `locale`, when its free text is in the other language. */
function detailTranslation(locale: Locale, facts: StatusFacts): TranslationRequest | null {
  return facts.detail && facts.detailText ? crossing(facts.detailText, locale, t(locale, "full-text-at", { command: `/status ${facts.ref}` })) : null;
}

function statusText(locale: Locale, facts: StatusFacts): string {
  const slot = detailTranslation(locale, facts) ? `\n${TRANSLATION_SLOT}` : "";
  return t(locale, "status-update", {
    ref: facts.ref,
    status: t(locale, `status-${facts.status}`),
    detail: raw(facts.detail ? `${facts.detail(locale)}${slot}\n` : ""),
    next: raw(facts.next(locale)),
    unit: facts.unit?.[locale] ?? t(locale, "unit-queue"),
    link: facts.link,
  });
}

/**
 * One message with both languages; when a long detail (a reply, an outcome) makes that too long, one
 * message per language. A detail in one language gets a machine-translation slot in the other's block,
 * and room for it: the two blocks share a message only if the translation is likely to fit too.
 */
export function statusUpdatePayloads(facts: StatusFacts): { zh: MessagePayload[]; en: MessagePayload[] } {
  const translation = detailTranslation("zh", facts) ?? detailTranslation("en", facts);
  const payloads = (first: Locale): MessagePayload[] =>
    packBlocks([statusText(first, facts), statusText(otherLocale(first), facts)], { limit: limitWithRefs, joinLimit: limitWithTranslation }).map((text) =>
      withTranslation({ text, parse_mode: "HTML", link_preview_options: { is_disabled: true } }, translation),
    );
  return { zh: payloads("zh"), en: payloads("en") };
}

/** The satisfaction survey (or its reminder): both languages, the buttons in the reader's. */
export function surveyPayloads(ref: string, caseId: string, reminder = false): { zh: MessagePayload; en: MessagePayload } {
  const key = reminder ? "survey-reminder" : "survey";
  const payload = (first: Locale): MessagePayload => {
    const keyboard = new InlineKeyboard();
    for (const rating of RATINGS) keyboard.text(t(first, `survey-${rating}`), feedbackChoice.encode({ rating, caseId })).row();
    return { text: `${t(first, key, { ref })}\n\n${t(otherLocale(first), key, { ref })}`, parse_mode: "HTML", reply_markup: keyboard };
  };
  return { zh: payload("zh"), en: payload("en") };
}
