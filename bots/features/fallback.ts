// Anything no feature took: a helpful bilingual answer, never silence.
import { Composer } from "grammy";
import type { BotContext } from "../context.ts";
import { bilingual } from "../../lib/i18n.ts";
import { languageKeyboard } from "../keyboards.ts";

export const fallback = new Composer<BotContext>();

fallback.chatType("private").on("message", async (ctx) => {
  await ctx.reply(bilingual(ctx.locale, "unknown-input"), { parse_mode: "HTML", reply_markup: languageKeyboard(ctx.locale) });
});

fallback.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery({ text: bilingual(ctx.locale, "stale-button") });
});
