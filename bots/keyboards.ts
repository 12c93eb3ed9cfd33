import { InlineKeyboard } from "grammy";
import { joinDecision, languageChoice, menuChoice, privacyChoice } from "./callback-data.ts";
import { t, type Locale } from "../lib/i18n.ts";

export function languageKeyboard(locale: Locale = "zh"): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "language-button-zh"), languageChoice.pack("zh"))
    .text(t(locale, "language-button-en"), languageChoice.pack("en"));
}

export function privacyKeyboard(locale: Locale): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "privacy-accept"), privacyChoice.pack("accept"))
    .text(t(locale, "privacy-decline"), privacyChoice.pack("decline"));
}

export function menuKeyboard(locale: Locale): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "menu-appointment"), menuChoice.pack("appointment"))
    .row()
    .text(t(locale, "menu-urgent"), menuChoice.pack("urgent"))
    .row()
    .text(t(locale, "menu-policy"), menuChoice.pack("policy"))
    .row()
    .text(t(locale, "menu-cases"), menuChoice.pack("cases"))
    .text(t(locale, "menu-help"), menuChoice.pack("help"))
    .row()
    .text(t(locale, "menu-language"), menuChoice.pack("language"));
}

/** Approve / reject buttons for a request to join the firm with this code. */
export function joinKeyboard(locale: Locale, uscc: string, applicant: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "button-approve"), joinDecision.pack("a", uscc, applicant))
    .text(t(locale, "button-reject"), joinDecision.pack("r", uscc, applicant));
}
