// 回访: the firm rates a resolved case. Satisfied (or mostly) closes it; unsatisfied reopens it to
// the same owner, who owes a new first response, and tells the unit head. A comment may follow.
import { Composer, type NextFunction } from "grammy";
import { onButton } from "../buttons.ts";
import { investorActor, runCaseCommand } from "../case-actions.ts";
import { feedbackChoice } from "../callback-data.ts";
import type { BotContext, TextMessageContext } from "../context.ts";
import { beijingTime } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { visibleCase } from "../membership.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { loadSession, saveSession } from "../session.ts";

export const feedback = new Composer<BotContext>();

onButton(feedback, feedbackChoice, async (ctx, { rating }) => {
  const c = visibleCase(ctx);
  // Only the first answer counts: a second tap finds the case closed or reopened already.
  if (!c || c.status !== "resolved") {
    await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
    return;
  }
  await ctx.answerCallbackQuery();
  await clearButtons(ctx);
  const decision = await runCaseCommand(ctx, { action: "rate", rating }, investorActor(ctx));
  if (!decision) return;
  saveSession(ctx, { flow: "comment", caseId: c.id, ref: c.ref });
  if (rating !== "unsatisfied") {
    await replyHtml(ctx, t(ctx.locale, "survey-thanks", { ref: c.ref }));
    return;
  }
  const due = decision.obligations.find((o) => o.obligation === "first_response")?.dueAt ?? ctx.state.unit.now;
  await replyHtml(ctx, t(ctx.locale, "survey-reopened", { ref: c.ref, due: beijingTime(ctx.locale, due) }));
});

/** The optional comment after a rating (routed here by bots/routing.ts). */
export async function commentText(ctx: TextMessageContext, next: NextFunction) {
  const { state } = loadSession(ctx);
  if (state?.flow !== "comment") return next();
  const c = visibleCase(ctx);
  saveSession(ctx, null);
  if (!c || c.id !== state.caseId) return next();
  const comment = ctx.message.text.normalize("NFC").trim().slice(0, 1000);
  if (await runCaseCommand(ctx, { action: "comment", text: comment }, investorActor(ctx))) await replyHtml(ctx, t(ctx.locale, "survey-comment-saved"));
}
