// Registers the handler of one button family: it gets the value its codec decoded. Data of the
// family that does not decode (an old button, a forged one) is answered as stale, never guessed at.
import type { CallbackQueryContext, Composer } from "grammy";
import { bilingual } from "../lib/i18n.ts";
import type { CallbackCodec } from "./callback-data.ts";
import type { BotContext } from "./context.ts";

export type ButtonContext = CallbackQueryContext<BotContext>;

export function onButton<T>(composer: Composer<BotContext>, codec: CallbackCodec<T>, handler: (ctx: ButtonContext, value: T) => Promise<unknown>): void {
  composer.callbackQuery(codec.pattern, async (ctx) => {
    const value = codec.decode(ctx.callbackQuery.data);
    if (value === undefined) await ctx.answerCallbackQuery({ text: bilingual(ctx.locale, "stale-button") });
    else await handler(ctx, value);
  });
}
