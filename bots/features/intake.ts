// Drives the investor's forms: starting one, each answer, Back / Skip / Cancel, the review, and
// the submit that registers a firm or files a case. Each step is one read batch and one write batch.
import { Composer } from "grammy";
import { formAction, menuChoice } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { CASE_FORMS, FORMS, type CaseForm } from "../forms/definitions.ts";
import { applyInput, currentStep, startForm, type FormDef, type FormInput, type FormStep } from "../forms/engine.ts";
import { askScreen, invalidText, reviewScreen } from "../forms/render.ts";
import { t } from "../../lib/i18n.ts";
import { menuKeyboard } from "../keyboards.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { loadSession, saveSession } from "../session.ts";
import { submitCase } from "./submit-case.ts";
import { submitSpecialistForm } from "./specialist-actions.ts";
import { submitFirm, usccAnswered } from "./submit-firm.ts";
import { activeFirm, beginRegistration, continueOnboarding } from "./onboarding.ts";

export const intake = new Composer<BotContext>();
const privateChat = intake.chatType("private");

async function startCaseForm(ctx: BotContext, formId: CaseForm) {
  if (!ctx.state.sender.user?.privacyAcceptedAt || !activeFirm(ctx)) {
    await replyHtml(ctx, t(ctx.locale, "registration-needed"));
    await continueOnboarding(ctx);
    return;
  }
  await openForm(ctx, FORMS[formId]!);
}

/** Stages where the form now stands, to be written in the update's commit; a case the form is about stays with it. */
function stage(ctx: BotContext, step: FormStep, about: { caseId?: string; ref?: string } = {}) {
  if (step.type === "ask" || step.type === "review") saveSession(ctx, { flow: "form", form: step.state, ...about });
  else if (step.type === "left") saveSession(ctx, null);
}

/** Opens a form (optionally about a case) and asks its first question. */
export async function openForm(ctx: BotContext, form: FormDef, about: { caseId?: string; ref?: string } = {}) {
  const step = startForm(form);
  stage(ctx, step, about);
  await render(ctx, form, step);
}

/** Shows the step: the next question, the review, or why an answer was refused. */
async function render(ctx: BotContext, form: FormDef, step: FormStep) {
  switch (step.type) {
    case "ask": {
      const screen = askScreen(ctx.locale, form, step.state, step.field);
      await replyHtml(ctx, screen.text, screen.keyboard);
      return;
    }
    case "review": {
      const screen = reviewScreen(ctx.locale, form, step.state);
      await replyHtml(ctx, screen.text, screen.keyboard);
      return;
    }
    case "invalid": {
      // Nothing changes: the answer is refused with both languages' reason, the question stays.
      const screen = askScreen(ctx.locale, form, step.state, step.field);
      await replyHtml(ctx, invalidText(ctx.locale, step.field, step.rule), screen.keyboard);
      return;
    }
    case "stale":
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
      return;
    case "left":
      await replyHtml(ctx, t(ctx.locale, "form-cancelled"), activeFirm(ctx) ? menuKeyboard(ctx.locale) : undefined);
      return;
  }
}

/** The form in progress, or undefined after telling the person it expired. */
async function formInProgress(ctx: BotContext) {
  const { state, expired } = loadSession(ctx);
  if (expired) {
    saveSession(ctx, null);
    await replyHtml(ctx, t(ctx.locale, "form-expired"));
    return undefined;
  }
  if (state?.flow !== "form") return undefined;
  const form = FORMS[state.form.form];
  return form ? { form, state: state.form, about: { caseId: state.caseId, ref: state.ref } } : undefined;
}

async function advance(ctx: BotContext, input: FormInput) {
  const hadExpired = loadSession(ctx).expired !== undefined;
  const current = await formInProgress(ctx);
  if (!current) {
    if (hadExpired) return true;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
    return false;
  }
  const step = applyInput(current.form, current.state, input);
  if (ctx.callbackQuery && step.type !== "stale") await ctx.answerCallbackQuery();
  stage(ctx, step, current.about);
  if (current.form.id === "firm" && step.type === "ask" && current.state.at === "uscc") {
    await usccAnswered(ctx, step.state.draft.uscc!);
  }
  await render(ctx, current.form, step);
  return true;
}

for (const formId of CASE_FORMS) {
  privateChat.command(formId, (ctx) => startCaseForm(ctx, formId));
}
privateChat.command("register", async (ctx) => {
  if (activeFirm(ctx)) return continueOnboarding(ctx);
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

intake.callbackQuery(menuChoice.pattern, async (ctx, next) => {
  const [choice] = menuChoice.unpack(ctx.callbackQuery.data);
  if (!CASE_FORMS.includes(choice as CaseForm)) return next();
  await startCaseForm(ctx, choice as CaseForm);
});

intake.callbackQuery(formAction.pattern, async (ctx) => {
  const [action, field, index] = formAction.unpack(ctx.callbackQuery.data);
  switch (action) {
    case "c":
      await advance(ctx, { type: "choice", field: field ?? "", index: Number(index) });
      return;
    case "s":
      await advance(ctx, { type: "skip", field: field ?? "" });
      return;
    case "b":
      await advance(ctx, { type: "back" });
      return;
    case "x": {
      await ctx.answerCallbackQuery();
      await clearButtons(ctx);
      const { state } = loadSession(ctx);
      if (state) saveSession(ctx, null);
      await replyHtml(ctx, t(ctx.locale, "form-cancelled"), activeFirm(ctx) ? menuKeyboard(ctx.locale) : undefined);
      return;
    }
    case "ok": {
      const current = await formInProgress(ctx);
      const step = current && currentStep(current.form, current.state);
      // The form's id rides on the button: an old review's Submit cannot submit another form.
      if (!current || step?.type !== "review" || current.form.id !== field) {
        await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
        return;
      }
      await ctx.answerCallbackQuery();
      await clearButtons(ctx);
      saveSession(ctx, null);
      const formId = current.form.id;
      if (formId === "firm") await submitFirm(ctx, current.state.draft);
      else if (CASE_FORMS.includes(formId as CaseForm)) await submitCase(ctx, formId as CaseForm, current.state.draft);
      else await submitSpecialistForm(ctx, formId, current.state.draft, current.about.caseId);
      return;
    }
  }
  await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
});

/** Typed text answers the question being asked; anything else falls through to other features. */
privateChat.on("message:text", async (ctx, next) => {
  if (ctx.message.text.startsWith("/")) return next();
  if (!(await advance(ctx, { type: "text", text: ctx.message.text }))) await next();
});
