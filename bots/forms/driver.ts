// Moves a person through a form kept in their session: opening it, each answer or button, and
// showing where it now stands. The features decide when a form opens and what a submit does.
import { normaliseUscc } from "../../domain/uscc.ts";
import { t } from "../../lib/i18n.ts";
import type { BotContext } from "../context.ts";
import { menuKeyboard } from "../keyboards.ts";
import { activeFirm } from "../membership.ts";
import { replyHtml } from "../reply.ts";
import { loadSession, saveSession } from "../session.ts";
import { usccAnswered } from "../submit-firm.ts";
import { FORMS } from "./definitions.ts";
import { applyInput, startForm, type FormDef, type FormInput, type FormState, type FormStep } from "./engine.ts";
import { FIRM_KNOWN, recordForm } from "./record-form.ts";
import { askScreen, invalidText, reviewScreen } from "./render.ts";

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

/** A conversation that lapsed (a form, a reason, a message): said once, then forgotten. */
export async function tellExpired(ctx: BotContext) {
  saveSession(ctx, null);
  await replyHtml(ctx, t(ctx.locale, "form-expired"));
}

/** The form in progress, or undefined (after telling the person, if it expired). */
export async function formInProgress(ctx: BotContext) {
  const { state, expired } = loadSession(ctx);
  if (expired) {
    await tellExpired(ctx);
    return undefined;
  }
  if (state?.flow !== "form") return undefined;
  const form = FORMS[state.form.form];
  return form ? { form, state: state.form, about: { caseId: state.caseId, ref: state.ref } } : undefined;
}

/**
 * The record form asks a firm's name and area only when its code is not registered: the preload
 * read the firm by the code typed (bots/preload-hints.ts), so the answer knows it.
 */
function withFirmKnown(ctx: BotContext, state: FormState, input: FormInput): FormState {
  if (state.form !== recordForm.id || state.at !== "firm_uscc" || input.type !== "text") return state;
  const known = ctx.state.sender.firm !== undefined && ctx.state.sender.firm.uscc === normaliseUscc(input.text);
  return { ...state, draft: { ...state.draft, [FIRM_KNOWN]: known ? "yes" : "no" } };
}

/** Applies an answer or a button to the form in progress and shows the next step; false when there is no form to apply it to. */
export async function advance(ctx: BotContext, input: FormInput): Promise<boolean> {
  const hadExpired = loadSession(ctx).expired !== undefined;
  const current = await formInProgress(ctx);
  if (!current) {
    if (hadExpired) return true;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
    return false;
  }
  const step = applyInput(current.form, withFirmKnown(ctx, current.state, input), input);
  if (ctx.callbackQuery && step.type !== "stale") await ctx.answerCallbackQuery();
  stage(ctx, step, current.about);
  if (current.form.id === "firm" && step.type === "ask" && current.state.at === "uscc") {
    await usccAnswered(ctx, step.state.draft.uscc!);
  }
  await render(ctx, current.form, step);
  return true;
}

