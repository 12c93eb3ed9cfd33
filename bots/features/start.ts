// /start and the language choice, which is remembered and can be changed at any time (/language).
import { Composer } from "grammy";
import { setUserLocale, upsertUser } from "../../db/queries/users.ts";
import { languageChoice, menuChoice } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { bilingual, t, type Locale } from "../../lib/i18n.ts";
import { languageKeyboard } from "../keyboards.ts";
import { clearButtons, replyHtml } from "../reply.ts";
import { continueOnboarding } from "./onboarding.ts";

export const start = new Composer<BotContext>();
const privateChat = start.chatType("private");

privateChat.command("start", async (ctx) => {
  const { unit } = ctx.state;
  unit.write(upsertUser(unit.db, ctx.from.id, unit.now));
  await ctx.reply(bilingual(ctx.locale, "welcome"), { parse_mode: "HTML", reply_markup: languageKeyboard(ctx.locale) });
});

async function askLanguage(ctx: BotContext) {
  await ctx.reply(bilingual(ctx.locale, "language-prompt"), { reply_markup: languageKeyboard(ctx.locale) });
}

privateChat.command("language", askLanguage);
start.callbackQuery(menuChoice.pattern, async (ctx, next) => {
  if (menuChoice.unpack(ctx.callbackQuery.data)[0] !== "language") return next();
  await ctx.answerCallbackQuery();
  await askLanguage(ctx);
});

start.callbackQuery(languageChoice.pattern, async (ctx) => {
  const [choice] = languageChoice.unpack(ctx.callbackQuery.data);
  if (choice !== "zh" && choice !== "en") return ctx.answerCallbackQuery();
  const locale: Locale = choice;
  const { unit } = ctx.state;
  unit.write(setUserLocale(unit.db, ctx.from.id, locale, unit.now));
  ctx.locale = locale;
  await ctx.answerCallbackQuery({ text: t(locale, "language-set") });
  await clearButtons(ctx);
  await replyHtml(ctx, t(locale, "language-set"));
  await continueOnboarding(ctx);
});
