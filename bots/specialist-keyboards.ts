// The owner's buttons under a case notice (Chinese: specialists read Chinese).
import { InlineKeyboard } from "grammy";
import type { CaseKind } from "../db/schema.ts";
import { specialistAction } from "./callback-data.ts";
import { t } from "../lib/i18n.ts";

export const SPECIALIST_ACTIONS = ["ack", "reply", "info", "meet", "delegate", "transfer", "resolve"] as const;
export type SpecialistActionCode = (typeof SPECIALIST_ACTIONS)[number] | "accept";

export function ownerKeyboard(caseId: string, kind: CaseKind): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(t("zh", "sp-button-ack"), specialistAction.pack("ack", caseId))
    .text(t("zh", "sp-button-reply"), specialistAction.pack("reply", caseId))
    .row()
    .text(t("zh", "sp-button-info"), specialistAction.pack("info", caseId));
  if (kind === "appointment") {
    keyboard.row().text(t("zh", "sp-button-meet"), specialistAction.pack("meet", caseId)).text(t("zh", "sp-button-delegate"), specialistAction.pack("delegate", caseId));
  }
  return keyboard
    .row()
    .text(t("zh", "sp-button-transfer"), specialistAction.pack("transfer", caseId))
    .text(t("zh", "sp-button-resolve"), specialistAction.pack("resolve", caseId));
}

export function acceptTransferKeyboard(caseId: string): InlineKeyboard {
  return new InlineKeyboard().text(t("zh", "sp-button-accept"), specialistAction.pack("accept", caseId));
}
