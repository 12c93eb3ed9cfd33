// Where a person stands in onboarding, and the step that takes them further: the personal-information
// notice, registering or joining a firm, waiting for approval, or the main menu.
import { t } from "../lib/i18n.ts";
import type { BotContext } from "./context.ts";
import { firmForm } from "./forms/definitions.ts";
import { startForm } from "./forms/engine.ts";
import { askScreen } from "./forms/render.ts";
import { menuKeyboard, privacyKeyboard } from "./keyboards.ts";
import { activeFirm } from "./membership.ts";
import { replyHtml } from "./reply.ts";
import { saveSession } from "./session.ts";

/** Starts the firm registration form and asks its first question. */
export async function beginRegistration(ctx: BotContext) {
  const step = startForm(firmForm);
  if (step.type !== "ask") throw new Error("the firm form has fields");
  saveSession(ctx, { flow: "form", form: step.state });
  await replyHtml(ctx, t(ctx.locale, "registration-intro"));
  const screen = askScreen(ctx.locale, firmForm, step.state, step.field);
  await replyHtml(ctx, screen.text, screen.keyboard);
}

/** The next thing this person needs: the notice, registration, approval, or the menu. */
export async function continueOnboarding(ctx: BotContext) {
  const { sender } = ctx.state;
  if (!sender.user?.privacyAcceptedAt) {
    await replyHtml(ctx, t(ctx.locale, "privacy-notice"), privacyKeyboard(ctx.locale));
  } else if (activeFirm(ctx)) {
    await replyHtml(ctx, t(ctx.locale, "menu-title"), menuKeyboard(ctx.locale));
  } else if (sender.memberships.some((m) => m.membership.status === "pending")) {
    await replyHtml(ctx, t(ctx.locale, "membership-pending"));
  } else {
    await beginRegistration(ctx);
  }
}
