// After the language: the personal-information notice (nothing beyond the Telegram id is kept
// before it is accepted), then registering or joining a firm, then the main menu.
import { Composer } from "grammy";
import { acceptPrivacy, decideJoin, membership } from "../../db/queries/firms.ts";
import { sql } from "drizzle-orm";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import { joinDecision, menuChoice, privacyChoice } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { firmForm } from "../forms/definitions.ts";
import { startForm } from "../forms/engine.ts";
import { askScreen } from "../forms/render.ts";
import { t } from "../../lib/i18n.ts";
import { menuKeyboard, privacyKeyboard } from "../keyboards.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { saveSession } from "../session.ts";

export const onboarding = new Composer<BotContext>();

export function activeFirm(ctx: BotContext) {
  return ctx.state.sender.memberships.find((m) => m.membership.status === "active")?.firm;
}

export function firmName(firm: { nameZh: string | null; nameEn: string | null }, locale: "zh" | "en"): string {
  return (locale === "en" ? firm.nameEn ?? firm.nameZh : firm.nameZh ?? firm.nameEn) ?? "";
}

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

onboarding.callbackQuery(privacyChoice.pattern, async (ctx) => {
  const [choice] = privacyChoice.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  await clearButtons(ctx);
  if (choice !== "accept") {
    await replyHtml(ctx, t(ctx.locale, "privacy-declined"));
    return;
  }
  const { unit, sender } = ctx.state;
  unit.write(acceptPrivacy(unit.db, ctx.from.id, ctx.chat?.id ?? ctx.from.id, unit.now));
  sender.user = { ...(sender.user ?? ({} as never)), telegramId: ctx.from.id, privacyAcceptedAt: unit.now };
  await continueOnboarding(ctx);
});

onboarding.chatType("private").command("menu", continueOnboarding);

onboarding.callbackQuery(joinDecision.pattern, async (ctx) => {
  const [action, , applicantText] = joinDecision.unpack(ctx.callbackQuery.data);
  const applicant = Number(applicantText);
  const firm = ctx.state.sender.firm;
  if (!firm || !Number.isSafeInteger(applicant)) return ctx.answerCallbackQuery({ text: t(ctx.locale, "join-not-allowed") });
  const firmId = firm.id;
  const approve = action === "a";
  const status = approve ? "active" : "rejected";
  const { unit } = ctx.state;
  const db = unit.db;
  const notice = (locale: "zh" | "en") => ({
    text: t(locale, approve ? "join-approved-notice" : "join-rejected-notice", { name: firmName(firm, locale) }),
    parse_mode: "HTML" as const,
    ...(approve ? { reply_markup: menuKeyboard(locale) } : {}),
  });
  unit.write(
    decideJoin(db, firmId, applicant, ctx.from.id, approve),
    // The applicant hears of it only if this decider's decision is the one that took effect.
    enqueueForRecipients(db, {
      keyPrefix: `join:${firmId}:${applicant}:`,
      recipients: sql`SELECT 'decided' AS key_suffix, u.chat_id AS chat_id, u.locale AS locale
                        FROM firm_members m JOIN users u ON u.telegram_id = m.telegram_id
                       WHERE m.firm_id = ${firmId} AND m.telegram_id = ${applicant}
                         AND m.status = ${status} AND m.approved_by = ${ctx.from.id}`,
      payloads: { zh: notice("zh"), en: notice("en") },
      now: unit.now,
      about: applicant,
    }),
  );
  const [[row]] = await unit.commit(membership(db, firmId, applicant));
  if (!row || row.approvedBy !== ctx.from.id || row.status !== status) {
    await ctx.answerCallbackQuery({ text: t(ctx.locale, "join-not-allowed"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await clearButtons(ctx);
  const decision = t(ctx.locale, approve ? "join-decision-approved" : "join-decision-rejected");
  await replyHtml(ctx, t(ctx.locale, "join-decided", { applicant: String(applicant), decision }));
});

onboarding.callbackQuery(menuChoice.pattern, async (ctx, next) => {
  // The menu's buttons are handled by the features they open; this only acknowledges the tap.
  await ctx.answerCallbackQuery();
  await next();
});
