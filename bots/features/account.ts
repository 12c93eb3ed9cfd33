// /help, /privacy (what is stored about the person) and /deleteme (erase it, after a confirmation).
import { Composer } from "grammy";
import { InlineKeyboard } from "../inline-keyboard.ts";
import { erasePerson } from "../../db/queries/erase.ts";
import { onButton } from "../buttons.ts";
import { eraseChoice } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { beijingTime } from "../../lib/format.ts";
import { bilingual, raw, t, type Locale } from "../../lib/i18n.ts";
import { languageKeyboard } from "../keyboards.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { firmName } from "../membership.ts";

export const account = new Composer<BotContext>();
const privateChat = account.chatType("private");

export async function help(ctx: BotContext) {
  const me = ctx.state.sender.specialist;
  // Staff get their own role's commands, in their language (Chinese until they choose).
  if (me) {
    const unit = ctx.state.sender.specialistUnit;
    const args = (locale: Locale) => ({ name: me.name, unit: (locale === "zh" ? unit?.nameZh : unit?.nameEn) ?? "", common: raw(t(locale, "help-staff-common")) });
    await replyHtml(ctx, t(ctx.locale, `help-${me.role}`, args(ctx.locale)));
    return;
  }
  // Before a language is chosen, in both (the guess first) with the choice, as unknown input is answered.
  if (!ctx.state.sender.user?.locale) await replyHtml(ctx, bilingual(ctx.locale, "help"), languageKeyboard(ctx.locale));
  else await replyHtml(ctx, t(ctx.locale, "help"));
}

privateChat.command("help", help);

privateChat.command("privacy", async (ctx) => {
  const { sender } = ctx.state;
  const user = sender.user;
  const none = t(ctx.locale, "privacy-none");
  const firms = sender.memberships.map((m) => `${firmName(m.firm, ctx.locale)} (${m.firm.uscc}, ${m.membership.status})`);
  await replyHtml(
    ctx,
    t(ctx.locale, "privacy-summary", {
      telegramId: String(ctx.from.id),
      locale: user?.locale ?? none,
      name: user?.displayName ?? none,
      phone: user?.phone ?? none,
      acceptedAt: user?.privacyAcceptedAt ? beijingTime(ctx.locale, user.privacyAcceptedAt) : none,
      firms: firms.length ? firms.join("; ") : none,
      cases: sender.answers.filedCount,
    }),
  );
});

privateChat.command("deleteme", async (ctx) => {
  const keyboard = new InlineKeyboard()
    .text(t(ctx.locale, "deleteme-yes"), eraseChoice.encode("yes"))
    .text(t(ctx.locale, "deleteme-no"), eraseChoice.encode("no"));
  await replyHtml(ctx, t(ctx.locale, "deleteme-confirm"), keyboard);
});

onButton(account, eraseChoice, async (ctx, answer) => {
  await ctx.answerCallbackQuery();
  await clearButtons(ctx);
  if (answer !== "yes") {
    await replyHtml(ctx, t(ctx.locale, "deleteme-kept"));
    return;
  }
  const { unit, sender } = ctx.state;
  const marker = `${t("zh", "erased-text")} / ${t("en", "erased-text")}`;
  unit.write(...erasePerson(unit.db, { telegramId: ctx.from.id, chatId: sender.user?.chatId ?? null }, marker));
  // Said in both languages: after this the bot no longer knows which one the person chose.
  await replyHtml(ctx, bilingual(ctx.locale, "deleteme-done"));
});
