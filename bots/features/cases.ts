// The investor's view of their firm's cases: /cases, /status <ref> with the timeline from the
// ledger, withdrawing an open case, and adding a message or a file to one. A case of another
// firm is answered exactly like a case that does not exist.
import { Composer, type NextFunction } from "grammy";
import { InlineKeyboard } from "../inline-keyboard.ts";
import { investorSees, isOpen } from "../../domain/vocabulary.ts";
import { calendarOf, investorActor, runCaseCommand } from "../case-actions.ts";
import { obligationLines } from "../case-view.ts";
import { onButton } from "../buttons.ts";
import { caseAction } from "../callback-data.ts";
import type { BotContext, TextMessageContext } from "../context.ts";
import { beijingTime } from "../../lib/format.ts";
import { t } from "../../lib/i18n.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { counted } from "../rate-limit.ts";
import { caseMessageField, withdrawReasonField } from "../forms/definitions.ts";
import { checkText } from "../forms/engine.ts";
import { invalidText } from "../forms/render.ts";
import { loadSession, saveSession } from "../session.ts";
import { activeFirm, visibleCase } from "../membership.ts";

export const caseViews = new Composer<BotContext>();
const privateChat = caseViews.chatType("private");

export async function listCases(ctx: BotContext) {
  const firm = activeFirm(ctx);
  if (!firm) {
    await replyHtml(ctx, t(ctx.locale, "registration-needed"));
    return;
  }
  const rows = ctx.state.sender.answers.firmCases;
  if (rows.length === 0) {
    await replyHtml(ctx, t(ctx.locale, "cases-empty"));
    return;
  }
  const lines = rows.map((c) =>
    t(ctx.locale, "cases-line", {
      ref: c.ref,
      kind: t(ctx.locale, `kind-${c.kind}`),
      status: t(ctx.locale, `status-${c.status}`),
      due: beijingTime(ctx.locale, c.resolutionDueAt),
    }),
  );
  await replyHtml(ctx, [t(ctx.locale, "cases-title", { count: rows.length }), ...lines].join("\n"));
}

privateChat.command("cases", listCases);

privateChat.command("status", async (ctx) => {
  const ref = ctx.match.trim().toUpperCase();
  if (!ref) {
    await replyHtml(ctx, t(ctx.locale, "status-usage"));
    return;
  }
  const found = visibleCase(ctx);
  if (!found) {
    await replyHtml(ctx, t(ctx.locale, "case-not-found", { ref: ref.slice(0, 40) }));
    return;
  }
  const events = ctx.state.sender.answers.caseEvents;
  const timeline = events.filter((e) => investorSees(e.type)).slice(-15).map((e) =>
    t(ctx.locale, "case-timeline-line", { at: beijingTime(ctx.locale, e.at), event: t(ctx.locale, `event-${e.type}`) }),
  );
  const detail = t(ctx.locale, "case-detail", {
    ref: found.ref,
    kind: t(ctx.locale, `kind-${found.kind}`),
    status: t(ctx.locale, `status-${found.status}`),
    received: beijingTime(ctx.locale, found.receivedAt),
    summary: found.summary,
  });
  const obligations = obligationLines(ctx.locale, ctx.state.sender.obligations, "investor", calendarOf(ctx.state.sender));
  // Investors see that the supervising office acts on the case, not the notices themselves.
  const supervised = isOpen(found.status) && found.escalationLevel > 0 ? [t(ctx.locale, "case-under-supervision")] : [];
  const keyboard = new InlineKeyboard();
  if (isOpen(found.status)) {
    keyboard.text(t(ctx.locale, "button-add-message"), caseAction.encode({ action: "message", caseId: found.id })).row();
    keyboard.text(t(ctx.locale, "button-withdraw"), caseAction.encode({ action: "withdraw", caseId: found.id }));
  }
  // A deadline counted without an official holiday schedule says so, every time it is shown.
  const warnings = (found.calendarWarning ?? "").split(",").flatMap((w) => /^year_not_loaded:(\d{4})$/.exec(w)?.[1] ?? []);
  const warningLines = warnings.map((year) => t(ctx.locale, "calendar-warning", { year }));
  await replyHtml(ctx, [detail, ...supervised, ...obligations, ...warningLines, "", t(ctx.locale, "case-timeline-title"), ...timeline].join("\n"), keyboard);
});

onButton(caseViews, caseAction, async (ctx, { action }) => {
  const found = visibleCase(ctx);
  if (!found) {
    await ctx.answerCallbackQuery({ text: t(ctx.locale, "case-not-found", { ref: "" }), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  if (!isOpen(found.status)) {
    await replyHtml(ctx, t(ctx.locale, "withdraw-not-open", { ref: found.ref, status: t(ctx.locale, `status-${found.status}`) }));
    return;
  }
  saveSession(ctx, { flow: action, caseId: found.id, ref: found.ref });
  await replyHtml(ctx, t(ctx.locale, action === "withdraw" ? "withdraw-ask-reason" : "message-ask", { ref: found.ref }));
});

/** The reason for a withdrawal, or a message to add, typed after tapping the case's button (routed here by bots/routing.ts). */
export async function caseText(ctx: TextMessageContext, next: NextFunction) {
  const { state } = loadSession(ctx);
  if (state?.flow !== "withdraw" && state?.flow !== "message") return next();
  const found = visibleCase(ctx);
  if (!found || found.id !== state.caseId || !isOpen(found.status)) {
    saveSession(ctx, null);
    await replyHtml(ctx, t(ctx.locale, "withdraw-not-open", { ref: state.ref, status: found ? t(ctx.locale, `status-${found.status}`) : "" }));
    return;
  }
  // Too long or malformed: named in both languages, and the flow stays open for a shorter one.
  const field = state.flow === "withdraw" ? withdrawReasonField : caseMessageField;
  const checked = checkText(field, ctx.message.text);
  if (!checked.ok) {
    await replyHtml(ctx, invalidText(ctx.locale, field, checked.rule));
    return;
  }
  const text = checked.value;
  if (state.flow === "withdraw") {
    saveSession(ctx, null);
    if (await runCaseCommand(ctx, { action: "withdraw", reason: text }, investorActor(ctx))) await replyHtml(ctx, t(ctx.locale, "case-withdrawn", { ref: found.ref }));
  } else if ((await counted(ctx, "case_message")) && (await runCaseCommand(ctx, { action: "add_message", text }, investorActor(ctx)))) {
    await replyHtml(ctx, t(ctx.locale, "message-added", { ref: found.ref }));
  }
}
