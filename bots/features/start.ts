// /start and the language choice, which is remembered and can be changed at any time (/language).
import { Composer } from "grammy";
import { setUserLocale, upsertUser } from "../../db/queries/users.ts";
import { onButton } from "../buttons.ts";
import { languageChoice } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { bilingual, t } from "../../lib/i18n.ts";
import { languageKeyboard } from "../keyboards.ts";
import { continueOnboarding } from "../onboarding-steps.ts";
import { clearButtons, replyHtml } from "../reply.ts";

export const start = new Composer<BotContext>();
const privateChat = start.chatType("private");

privateChat.command("start", async (ctx) => {
  const { unit } = ctx.state;
  unit.write(upsertUser(unit.db, ctx.from.id, unit.now));
  await ctx.reply(bilingual(ctx.locale, "welcome"), { parse_mode: "HTML", reply_markup: languageKeyboard(ctx.locale) });
});

export async function askLanguage(ctx: BotContext) {
  await ctx.reply(bilingual(ctx.locale, "language-prompt"), { reply_markup: languageKeyboard(ctx.locale) });
}

privateChat.command("language", askLanguage);

onButton(start, languageChoice, async (ctx, locale) => {
  const { unit } = ctx.state;
  unit.write(setUserLocale(unit.db, ctx.from.id, locale, unit.now));
  ctx.locale = locale;
  await ctx.answerCallbackQuery({ text: t(locale, "language-set") });
  await clearButtons(ctx);
  await replyHtml(ctx, t(locale, "language-set"));
  await continueOnboarding(ctx);
});
