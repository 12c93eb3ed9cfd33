import { InlineKeyboard } from "./inline-keyboard.ts";
import { claimDecision, joinDecision, languageChoice, menuChoice, privacyChoice } from "./callback-data.ts";
import { t, type Locale } from "../lib/i18n.ts";

export function languageKeyboard(locale: Locale = "zh"): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "language-button-zh"), languageChoice.encode("zh"))
    .text(t(locale, "language-button-en"), languageChoice.encode("en"));
}

export function privacyKeyboard(locale: Locale): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "privacy-accept"), privacyChoice.encode("accept"))
    .text(t(locale, "privacy-decline"), privacyChoice.encode("decline"));
}

export function menuKeyboard(locale: Locale): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "menu-appointment"), menuChoice.encode("appointment"))
    .row()
    .text(t(locale, "menu-urgent"), menuChoice.encode("urgent"))
    .row()
    .text(t(locale, "menu-policy"), menuChoice.encode("policy"))
    .row()
    .text(t(locale, "menu-cases"), menuChoice.encode("cases"))
    .text(t(locale, "menu-help"), menuChoice.encode("help"))
    .row()
    .text(t(locale, "menu-language"), menuChoice.encode("language"));
}

/** Approve / reject buttons for a request to join the firm with this code. */
export function joinKeyboard(locale: Locale, uscc: string, applicant: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "button-approve"), joinDecision.encode({ approve: true, uscc, applicant }))
    .text(t(locale, "button-reject"), joinDecision.encode({ approve: false, uscc, applicant }));
}

/** Verify / reject buttons for a claim on the firm with this code. */
export function claimKeyboard(locale: Locale, uscc: string, claimant: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(t(locale, "claim-button-verify"), claimDecision.encode({ verify: true, uscc, claimant }))
    .text(t(locale, "claim-button-reject"), claimDecision.encode({ verify: false, uscc, claimant }));
}
