// Small helpers for the bot's own messages: everything is HTML (arguments are escaped in i18n).
import type { InlineKeyboard } from "./inline-keyboard.ts";
import type { BotContext } from "./context.ts";

export function replyHtml(ctx: BotContext, text: string, keyboard?: InlineKeyboard) {
  return ctx.reply(text, {
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    ...(keyboard ? { reply_markup: keyboard } : {}),
  });
}

/** Removes the buttons of the message a callback came from, so a decision cannot be tapped twice. */
export async function clearButtons(ctx: BotContext) {
  if (ctx.callbackQuery?.message) await ctx.editMessageReplyMarkup({ reply_markup: undefined });
}
