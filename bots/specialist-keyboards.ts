// The buttons under a case notice (Chinese: specialists read Chinese): the steps the case's kind owes.
import { InlineKeyboard } from "./inline-keyboard.ts";
import type { CaseKind } from "../domain/vocabulary.ts";
import { specialistAction, type SpecialistActionCode } from "./callback-data.ts";
import { t } from "../lib/i18n.ts";

/** The kind's own steps, after the first response's. */
const KIND_STEPS: Record<CaseKind, readonly SpecialistActionCode[]> = {
  appointment: ["meet", "held"],
  urgent: ["assess", "hearing"],
  especially_urgent: ["assess", "hearing"],
  policy: ["answer", "study"],
  ordinary: ["answer", "study"],
};

export function ownerKeyboard(caseId: string, kind: CaseKind): InlineKeyboard {
  const button = (action: SpecialistActionCode) => [t("zh", `sp-button-${action}`), specialistAction.encode({ action, caseId })] as const;
  const keyboard = new InlineKeyboard().text(...button("ack")).text(...button("reply")).row().text(...button("info"));
  for (const code of KIND_STEPS[kind]) keyboard.text(...button(code));
  return keyboard.row().text(...button("cohandle")).text(...button("transfer")).row().text(...button("resolve"));
}
