// After the language: the personal-information notice (nothing beyond the Telegram id is kept
// before it is accepted), then registering or joining a firm (its steps: onboarding-steps.ts), and
// the decision of a firm's members on a request to join it.
import { Composer } from "grammy";
import { acceptPrivacy, decidedBy, decideJoin } from "../../db/queries/firms.ts";
import { sql } from "drizzle-orm";
import { enqueueForRecipients } from "../../db/queries/outbox.ts";
import { onButton } from "../buttons.ts";
import { joinDecision, privacyChoice } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { t } from "../../lib/i18n.ts";
import { menuKeyboard } from "../keyboards.ts";
import { firmName } from "../membership.ts";
import { continueOnboarding } from "../onboarding-steps.ts";
import { clearButtons, replyHtml } from "../reply.ts";

export const onboarding = new Composer<BotContext>();

onButton(onboarding, privacyChoice, async (ctx, choice) => {
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

onButton(onboarding, joinDecision, async (ctx, { approve, applicant }) => {
  const firm = ctx.state.sender.firm;
  if (!firm) return ctx.answerCallbackQuery({ text: t(ctx.locale, "join-not-allowed") });
  const firmId = firm.id;
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
      recipients: sql`SELECT m.created_at || ':decided' AS key_suffix, 'telegram' AS channel, u.chat_id AS chat_id, u.locale AS locale
                        FROM firm_members m JOIN users u ON u.telegram_id = m.telegram_id
                       WHERE m.firm_id = ${firmId} AND m.telegram_id = ${applicant}
                         AND m.status = ${status} AND m.approved_by = ${ctx.from.id}`,
      payloads: { zh: notice("zh"), en: notice("en") },
      now: unit.now,
      about: applicant,
    }),
  );
  const decision = t(ctx.locale, approve ? "join-decision-approved" : "join-decision-rejected");
  // Only a decision that took effect (this decider's, while the request was pending) is confirmed.
  await unit.onlyIf(
    decidedBy(firmId, applicant, status, ctx.from.id),
    async () => {
      await ctx.answerCallbackQuery();
      await clearButtons(ctx);
      await replyHtml(ctx, t(ctx.locale, "join-decided", { applicant: String(applicant), decision }));
    },
    () => ctx.answerCallbackQuery({ text: t(ctx.locale, "join-not-allowed"), show_alert: true }),
  );
});
