// The investor's forms: the commands and menu items that open one, Back / Skip / Cancel and the
// choices, typed answers, and the submit that registers a firm, files a case or records a
// specialist's step. Each step is one read batch and one write batch (the form itself: forms/driver.ts).
import { Composer, type NextFunction } from "grammy";
import { onButton } from "../buttons.ts";
import { formAction } from "../callback-data.ts";
import type { BotContext, TextMessageContext } from "../context.ts";
import { CASE_FORMS, FORMS, type CaseForm } from "../forms/definitions.ts";
import { advance, formInProgress, openForm } from "../forms/driver.ts";
import { currentStep } from "../forms/engine.ts";
import { t } from "../../lib/i18n.ts";
import { menuKeyboard } from "../keyboards.ts";
import { activeFirm } from "../membership.ts";
import { beginRegistration, continueOnboarding } from "../onboarding-steps.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { allowed, counted } from "../rate-limit.ts";
import { loadSession, saveSession } from "../session.ts";
import { submitCase } from "../submit-case.ts";
import { submitRecord } from "../record-submit.ts";
import { submitSpecialistForm } from "../specialist-actions.ts";
import { submitFirm } from "../submit-firm.ts";

export const intake = new Composer<BotContext>();
const privateChat = intake.chatType("private");

/** A case form, for a registered member of a firm; otherwise the onboarding step they still need. */
export async function startCaseForm(ctx: BotContext, formId: CaseForm) {
  if (!ctx.state.sender.user?.privacyAcceptedAt || !activeFirm(ctx)) {
    await replyHtml(ctx, t(ctx.locale, "registration-needed"));
    await continueOnboarding(ctx);
    return;
  }
  // Refused before the form rather than after it: nobody types a whole request in vain.
  if (!(await allowed(ctx, "case_filing"))) return;
  await openForm(ctx, FORMS[formId]!);
}

for (const formId of CASE_FORMS) {
  privateChat.command(formId, (ctx) => startCaseForm(ctx, formId));
}
privateChat.command("register", async (ctx) => {
  if (activeFirm(ctx)) return continueOnboarding(ctx);
  if (!(await allowed(ctx, "firm_request"))) return;
  await beginRegistration(ctx);
});
privateChat.command("new", continueOnboarding);

privateChat.command("cancel", async (ctx) => {
  const { state } = loadSession(ctx);
  if (!state) {
    await replyHtml(ctx, t(ctx.locale, "form-nothing-to-cancel"));
    return;
  }
  saveSession(ctx, null);
  await replyHtml(ctx, t(ctx.locale, "form-cancelled"), activeFirm(ctx) ? menuKeyboard(ctx.locale) : undefined);
});

onButton(intake, formAction, async (ctx, button) => {
  switch (button.action) {
    case "choose":
      await advance(ctx, { type: "choice", field: button.field, index: button.index });
      return;
    case "skip":
      await advance(ctx, { type: "skip", field: button.field });
      return;
    case "back":
      await advance(ctx, { type: "back" });
      return;
    case "cancel": {
      await ctx.answerCallbackQuery();
      await clearButtons(ctx);
      const { state } = loadSession(ctx);
      if (state) saveSession(ctx, null);
      await replyHtml(ctx, t(ctx.locale, "form-cancelled"), activeFirm(ctx) ? menuKeyboard(ctx.locale) : undefined);
      return;
    }
    case "submit": {
      const current = await formInProgress(ctx);
      const step = current && currentStep(current.form, current.state);
      // The form's id rides on the button: an old review's Submit cannot submit another form.
      if (!current || step?.type !== "review" || current.form.id !== button.form) {
        await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
        return;
      }
      await ctx.answerCallbackQuery();
      const formId = current.form.id;
      // Over the limit, the review and its buttons stay: the same Submit works once the window has passed.
      const limited = formId === "firm" ? "firm_request" : CASE_FORMS.includes(formId as CaseForm) ? "case_filing" : undefined;
      if (limited && !(await counted(ctx, limited))) return;
      await clearButtons(ctx);
      // A refused record asks the refused field again: its submit keeps the session itself.
      if (formId === "record") return submitRecord(ctx, current.state);
      saveSession(ctx, null);
      if (formId === "firm") await submitFirm(ctx, current.state.draft);
      else if (CASE_FORMS.includes(formId as CaseForm)) await submitCase(ctx, formId as CaseForm, current.state.draft);
      else await submitSpecialistForm(ctx, formId, current.state.draft, current.about.caseId);
      return;
    }
  }
});

/** A typed answer to the question being asked (bots/routing.ts sends it here while a form is open). */
export async function answerForm(ctx: TextMessageContext, next: NextFunction) {
  if (!(await advance(ctx, { type: "text", text: ctx.message.text }))) await next();
}
