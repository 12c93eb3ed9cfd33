// The owner's buttons under a case notice (Chinese: specialists read Chinese).
import { InlineKeyboard } from "grammy";
import type { CaseKind } from "../db/schema.ts";
import { specialistAction } from "./callback-data.ts";
import { t } from "../lib/i18n.ts";

export function ownerKeyboard(caseId: string, kind: CaseKind): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(t("zh", "sp-button-ack"), specialistAction.encode({ action: "ack", caseId }))
    .text(t("zh", "sp-button-reply"), specialistAction.encode({ action: "reply", caseId }))
    .row()
    .text(t("zh", "sp-button-info"), specialistAction.encode({ action: "info", caseId }));
  if (kind === "appointment") {
    keyboard.row().text(t("zh", "sp-button-meet"), specialistAction.encode({ action: "meet", caseId })).text(t("zh", "sp-button-delegate"), specialistAction.encode({ action: "delegate", caseId }));
  }
  return keyboard
    .row()
    .text(t("zh", "sp-button-transfer"), specialistAction.encode({ action: "transfer", caseId }))
    .text(t("zh", "sp-button-resolve"), specialistAction.encode({ action: "resolve", caseId }));
}

export function acceptTransferKeyboard(caseId: string): InlineKeyboard {
  return new InlineKeyboard().text(t("zh", "sp-button-accept"), specialistAction.encode({ action: "accept", caseId }));
}
