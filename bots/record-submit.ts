// The chat's /record submitted: the staff member's role checked again, the record checked against
// now and the cases recorded before (the preload read the firm, the candidates and the ticket),
// then the case recorded in the update's one write batch. A refusal names the field and the rule in
// both languages and asks that field again, the rest of the form kept.
import { REF_PLACEHOLDER } from "../db/queries/outbox.ts";
import { mayRecord } from "../domain/recording.ts";
import { beijingTime } from "../lib/format.ts";
import { t } from "../lib/i18n.ts";
import { rulesOf } from "./case-actions.ts";
import type { BotContext } from "./context.ts";
import type { FormState } from "./forms/engine.ts";
import { recordForm } from "./forms/record-form.ts";
import { askScreen } from "./forms/render.ts";
import { checkRecord, recordCaseWrites, refusalLines } from "./record-case.ts";
import { replyHtml } from "./reply.ts";
import { saveSession } from "./session.ts";

export async function submitRecord(ctx: BotContext, state: FormState) {
  const { unit, sender, settings } = ctx.state;
  const me = sender.specialist;
  const facts = sender.record;
  if (!me || !mayRecord(me.role)) {
    saveSession(ctx, null);
    await replyHtml(ctx, t(ctx.locale, me ? "record-not-staff" : "not-a-specialist"));
    return;
  }
  if (!facts) throw new Error("a record submitted without its preloaded facts");
  const checked = checkRecord(state.draft, facts, unit.now);
  if (!checked.ok) {
    const first = checked.refusals[0]!;
    const field = recordForm.fields.find((f) => f.key === first.field) ?? recordForm.fields[0]!;
    const back: FormState = { ...state, at: field.key, resume: true, path: state.path.slice(0, Math.max(0, state.path.indexOf(field.key))) };
    saveSession(ctx, { flow: "form", form: back });
    const screen = askScreen(ctx.locale, recordForm, back, field);
    await replyHtml(ctx, `${checked.refusals.map(refusalLines).join("\n")}\n\n${screen.text}`, screen.keyboard);
    return;
  }
  saveSession(ctx, null);
  const recorded = await recordCaseWrites(unit.db, {
    settings,
    rules: rulesOf(ctx),
    recorder: { id: me.id, name: me.name },
    record: checked.value,
    facts,
    now: unit.now,
  });
  unit.write(...recorded.items);
  // The batch numbers the case: the confirmation names it by placeholder, filled in by the batch.
  unit.citeRefOf(recorded.caseId);
  const kind = checked.value.draft.case_kind!;
  const done = t(ctx.locale, "record-done", {
    ref: REF_PLACEHOLDER,
    kind: t(ctx.locale, `kind-${kind}`),
    receivedAt: beijingTime(ctx.locale, checked.value.receivedAt),
    firstDue: beijingTime(ctx.locale, recorded.firstResponseDueAt),
    due: beijingTime(ctx.locale, recorded.resolutionDueAt),
  });
  await replyHtml(ctx, `${done}\n${recorded.firmTold ? t(ctx.locale, "record-firm-told") : t(ctx.locale, "record-pass-link", { link: recorded.link })}`);
}
