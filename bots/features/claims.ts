// A claim on a firm, verified in chat: the buttons under the notice the firm's specialist (or,
// with none, the business-environment department) received. Who may decide is checked by the
// statement itself (db/queries/firms.ts), so it holds when it runs; the web does the same.
import { Composer } from "grammy";
import { claimDecided, decideClaim } from "../../db/queries/firms.ts";
import { t } from "../../lib/i18n.ts";
import { onButton } from "../buttons.ts";
import { claimDecision } from "../callback-data.ts";
import { claimNotice } from "../claim-notice.ts";
import type { BotContext } from "../context.ts";
import { firmName } from "../membership.ts";
import { clearButtons, replyHtml } from "../reply.ts";

export const claims = new Composer<BotContext>();

onButton(claims, claimDecision, async (ctx, { verify, claimant }) => {
  const { firm, specialist } = ctx.state.sender;
  const refuse = () => ctx.answerCallbackQuery({ text: t(ctx.locale, "claim-not-allowed"), show_alert: true });
  if (!firm || !specialist) return refuse();
  const { unit } = ctx.state;
  const decider = { telegramId: ctx.from.id };
  unit.write(...decideClaim(unit.db, firm.id, claimant, decider, verify, claimNotice(t, verify, (locale) => firmName(firm, locale)), unit.now));
  const decision = t(ctx.locale, verify ? "claim-decision-verified" : "claim-decision-rejected");
  await unit.onlyIf(
    claimDecided(firm.id, claimant, verify ? "active" : "rejected", decider),
    async () => {
      await ctx.answerCallbackQuery();
      await clearButtons(ctx);
      await replyHtml(ctx, t(ctx.locale, "claim-decided", { applicant: String(claimant), name: firmName(firm, ctx.locale), decision }));
    },
    refuse,
  );
});
