// 回访: the firm rates a resolved case. Satisfied (or basically) closes it; unsatisfied reopens it
// to the same owner with a new deadline and tells the unit head. A comment may follow, optionally.
import { Composer, type NextFunction } from "grammy";
import { policyFor } from "../../db/queries/calendar.ts";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import { unitHeads, owner } from "../../db/queries/audiences.ts";
import { makeCalendar } from "../../domain/calendar.ts";
import { transition } from "../../domain/lifecycle.ts";
import { computeDues } from "../../domain/sla.ts";
import { stageCaseChange, stageCaseEvent } from "../case-change.ts";
import { onButton } from "../buttons.ts";
import { feedbackChoice } from "../callback-data.ts";
import type { BotContext, TextMessageContext } from "../context.ts";
import { beijingTime } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { loadSession, saveSession } from "../session.ts";
import { visibleCase } from "../membership.ts";
import { notifyOwner } from "../notify-owner.ts";

export const feedback = new Composer<BotContext>();

onButton(feedback, feedbackChoice, async (ctx, { rating }) => {
  const c = visibleCase(ctx);
  const move = c ? transition(c.status, rating === "unsatisfied" ? "feedback_unsatisfied" : "feedback_satisfied", c.kind) : undefined;
  // Only the first answer counts: a second tap finds the case closed or reopened already.
  if (!c || !move?.ok || c.status !== "resolved") {
    await ctx.answerCallbackQuery({ text: t(ctx.locale, "stale-button") });
    return;
  }
  await ctx.answerCallbackQuery();
  await clearButtons(ctx);
  const { unit, sender } = ctx.state;
  const actor = { type: "investor" as const, id: String(ctx.from.id) };
  saveSession(ctx, { flow: "comment", caseId: c.id, ref: c.ref });
  if (rating !== "unsatisfied") {
    stageCaseChange(unit, c, move.to, actor, "feedback", { rating }, { feedback: rating, closedAt: unit.now, nextAlertAt: null });
    await replyHtml(ctx, t(ctx.locale, "survey-thanks", { ref: c.ref }));
    return;
  }
  // Reopened to the same owner, with deadlines counted again from now.
  const submit = sender.submit!;
  const dues = computeDues(makeCalendar(submit.days, submit.years), policyFor(c.kind, submit.policies), unit.now);
  stageCaseChange(unit, c, move.to, actor, "reopened", { rating, resolutionDueAt: dues.resolutionDueAt }, {
    feedback: "unsatisfied",
    resolvedAt: null,
    closedAt: null,
    resolutionDueAt: dues.resolutionDueAt,
    nextAlertAt: unit.now,
  });
  const text = t("zh", "reopened-owner", { ref: c.ref, due: beijingTime("zh", dues.resolutionDueAt) });
  const payload = { text, parse_mode: "HTML" as const };
  for (const [name, recipients] of [["owner", owner(c.ownerId)], ["heads", unitHeads(c.ownerId)]] as const) {
    unit.write(enqueueForRecipients(unit.db, { keyPrefix: `case:${c.id}:reopened:${unit.updateId}:${name}:`, recipients, payloads: { zh: payload, en: payload }, caseId: c.id, now: unit.now }));
  }
  await replyHtml(ctx, t(ctx.locale, "survey-reopened", { ref: c.ref, due: beijingTime(ctx.locale, dues.resolutionDueAt) }));
});

/** The optional comment after a rating (routed here by bots/routing.ts). */
export async function commentText(ctx: TextMessageContext, next: NextFunction) {
  const { state } = loadSession(ctx);
  if (state?.flow !== "comment") return next();
  const c = visibleCase(ctx);
  saveSession(ctx, null);
  if (!c || c.id !== state.caseId) return next();
  const comment = ctx.message.text.normalize("NFC").trim().slice(0, 1000);
  stageCaseEvent(ctx.state.unit, c, { type: "investor", id: String(ctx.from.id) }, "feedback", { comment });
  if (c.feedback === "unsatisfied" || c.status === "in_progress") notifyOwner(ctx.state.unit, c, "investor_message", { text: comment }, ctx.from.id);
  await replyHtml(ctx, t(ctx.locale, "survey-comment-saved"));
}
