// What staff do to a case from chat: each button or form becomes a command of the case module,
// which checks the role, the kind and the status, and says what changes and who hears of it.
import type { Command } from "../domain/case-rules.ts";
import { gate } from "../domain/case-rules.ts";
import type { CaseAction } from "../domain/vocabulary.ts";
import { actorOf, calendarOf, caseSnapshotOf, refusalText, runCaseCommand } from "./case-actions.ts";
import type { BotContext } from "./context.ts";
import type { Draft } from "./forms/engine.ts";
import { t } from "../lib/i18n.ts";
import { replyHtml } from "./reply.ts";
import type { SpecialistActionCode } from "./callback-data.ts";

/** The case action behind each button. */
export const ACTION_OF: Record<SpecialistActionCode, CaseAction> = {
  ack: "acknowledge",
  reply: "reply",
  info: "request_info",
  assess: "assess",
  meet: "schedule_meeting",
  held: "record_meeting",
  hearing: "record_hearing",
  answer: "answer",
  study: "needs_study",
  cohandle: "invite_co_handler",
  transfer: "request_transfer",
  resolve: "resolve",
  approve: "approve_transfer",
};

/**
 * Whether the sender may take this step on the update's case now; if not, says why. Checked
 * before a form opens, so nobody fills in a form the rules would refuse.
 */
export async function mayTake(ctx: BotContext, code: SpecialistActionCode): Promise<boolean> {
  const snapshot = caseSnapshotOf(ctx.state.sender);
  if (!snapshot || !ctx.state.sender.specialist) {
    await replyHtml(ctx, t(ctx.locale, "sp-not-allowed"));
    return false;
  }
  const gated = gate(snapshot, ACTION_OF[code], actorOf(ctx));
  if ("ok" in gated) {
    await replyHtml(ctx, refusalText(ctx.locale, gated, snapshot.ref, calendarOf(ctx.state.sender)));
    return false;
  }
  return true;
}

/** A step that needs no form: acknowledging, a department's approval of a transfer. */
export async function takeStep(ctx: BotContext, code: "ack" | "approve") {
  const c = ctx.state.sender.case!;
  const command: Command = code === "ack" ? { action: "acknowledge" } : { action: "approve_transfer", toUnitId: ctx.state.sender.pendingOwnerUnit?.id ?? "" };
  if (await runCaseCommand(ctx, command)) await done(ctx, c.ref, code);
}

function done(ctx: BotContext, ref: string, code: SpecialistActionCode) {
  return replyHtml(ctx, t(ctx.locale, "sp-done", { ref, action: t(ctx.locale, `sp-action-${code}`) }));
}

const optional = (value: string | undefined) => (value?.trim() ? value : null);

/** The command a specialist's form makes. */
function commandOf(code: SpecialistActionCode, d: Draft, ctx: BotContext): Command | undefined {
  switch (code) {
    case "reply":
      return { action: "reply", text: d.text! };
    case "info":
      return { action: "request_info", request: d.request! };
    case "assess":
      return { action: "assess", urgency: d.urgency as "urgent" | "especially_urgent" | "not_urgent", reason: optional(d.reason) };
    case "meet":
      return { action: "schedule_meeting", date: d.date!, time: d.time!, place: d.place!, firmAsked: d.firm_asked === "request" || d.firm_asked === "consent" ? d.firm_asked : null, note: optional(d.note) };
    case "held":
      return { action: "record_meeting", heldOn: d.held_on!, official: d.official!, delegated: d.delegated === "yes" ? { official: d.official!, approvedBy: d.approver ?? "" } : null };
    case "hearing":
      return { action: "record_hearing", heldOn: d.held_on!, form: d.form === "consultation" ? "consultation" : "hearing", summary: d.summary! };
    case "answer":
      return { action: "answer", text: d.text! };
    case "study":
      return { action: "needs_study", reason: d.reason!, newDate: d.new_date! };
    case "cohandle":
    case "transfer": {
      // The preload read the specialist the form names; only an active one reachable in chat qualifies.
      const target = ctx.state.sender.formTarget;
      if (!target || target.id !== d.to) return undefined;
      return code === "cohandle" ? { action: "invite_co_handler", specialistId: target.id } : { action: "request_transfer", toSpecialistId: target.id, reason: d.reason! };
    }
    case "resolve":
      return { action: "resolve", outcome: d.outcome! };
    default:
      return undefined;
  }
}

/** The submit of a specialist's form. */
export async function submitSpecialistForm(ctx: BotContext, formId: string, draft: Draft, caseId: string | undefined) {
  const c = ctx.state.sender.case;
  const code = formId.replace(/^sp-/, "") as SpecialistActionCode;
  if (!c || c.id !== caseId || !ctx.state.sender.specialist) {
    await replyHtml(ctx, t(ctx.locale, "sp-not-allowed"));
    return;
  }
  const command = commandOf(code, draft, ctx);
  if (!command) {
    await replyHtml(ctx, t(ctx.locale, "transfer-unknown", { to: draft.to ?? "" }));
    return;
  }
  if (await runCaseCommand(ctx, command)) await done(ctx, c.ref, code);
}
