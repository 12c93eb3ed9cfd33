// Which feature takes a typed message or a menu tap, decided here and nowhere else (not by the order
// the features are registered in). A typed message belongs to the conversation the sender is in, the
// flow of their session; a menu tap to the feature of its item. Commands and every other button family
// have exactly one handler each, in their feature.
import { Composer, type Middleware } from "grammy";
import { onButton } from "./buttons.ts";
import { menuChoice, type MenuItem } from "./callback-data.ts";
import type { BotContext, TextMessageContext } from "./context.ts";
import { help } from "./features/account.ts";
import { caseText, listCases } from "./features/cases.ts";
import { commentText } from "./features/feedback.ts";
import { answerForm, startCaseForm } from "./features/intake.ts";
import { askLanguage } from "./features/start.ts";
import { noticeReplyText } from "./features/supervision.ts";
import { tellExpired } from "./forms/driver.ts";
import { loadSession, type SessionState } from "./session.ts";

export const routing = new Composer<BotContext>();

type TextRoute = SessionState["flow"] | "expired";

/** Every flow has its feature: a new flow does not compile until it is routed. */
const byFlow: Record<TextRoute, Middleware<TextMessageContext>> = {
  form: answerForm,
  withdraw: caseText,
  message: caseText,
  comment: commentText,
  notice_reply: noticeReplyText,
  // A conversation that lapsed is said to have expired, whatever it was.
  expired: (ctx) => tellExpired(ctx),
};

function textRoute(ctx: BotContext): TextRoute | undefined {
  const { state, expired } = loadSession(ctx);
  return expired ? "expired" : state?.flow;
}

// Typed text that is not a command. Outside any conversation it goes on to the fallback's answer.
routing
  .chatType("private")
  .on("message:text")
  .filter((ctx) => !ctx.message.text.startsWith("/"))
  .route(textRoute, byFlow);

const byMenuItem: Record<MenuItem, (ctx: BotContext) => Promise<unknown>> = {
  appointment: (ctx) => startCaseForm(ctx, "appointment"),
  urgent: (ctx) => startCaseForm(ctx, "urgent"),
  policy: (ctx) => startCaseForm(ctx, "policy"),
  cases: listCases,
  help,
  language: askLanguage,
};

onButton(routing, menuChoice, async (ctx, item) => {
  await ctx.answerCallbackQuery();
  await byMenuItem[item](ctx);
});
