// PIPL: before the privacy notice is accepted nothing beyond the Telegram id and the chosen
// language is stored. Default deny: a private message or a button from someone who has not
// accepted passes only if it is one of the few that store nothing personal (below); anything else
// (registration, forms, files, contacts, messages on a case, feedback, whatever is added later) is
// refused in both languages with the notice offered again. Specialists act for their unit, not as
// investors, and pass.
import { Composer } from "grammy";
import { eraseChoice, languageChoice, menuChoice, privacyChoice } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import { bilingual, t } from "../../lib/i18n.ts";
import { privacyKeyboard } from "../keyboards.ts";
import { replyHtml } from "../reply.ts";

/**
 * Commands that store nothing personal: the notice itself, language, help, what is kept, erasure,
 * and the specialists' commands (an invite's claim; the others answer "specialists only" to anyone else).
 */
const OPEN_COMMANDS = new Set(["start", "language", "help", "privacy", "deleteme", "menu", "new", "cancel", "join", "duty", "deputy", "mine", "case", "web", "record"]);
const OPEN_MENU_CHOICES = new Set(["help", "language"]);

function commandOf(text: string | undefined): string | undefined {
  return /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s|$)/.exec(text ?? "")?.[1]?.toLowerCase();
}

function storesNothing(ctx: BotContext): boolean {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) {
    if ([languageChoice, privacyChoice, eraseChoice].some((codec) => codec.pattern.test(data))) return true;
    return OPEN_MENU_CHOICES.has(menuChoice.decode(data) ?? "");
  }
  const command = commandOf(ctx.message?.text);
  return command !== undefined && OPEN_COMMANDS.has(command);
}

export function hasConsent(ctx: BotContext): boolean {
  return Boolean(ctx.state.sender.user?.privacyAcceptedAt);
}

/** Says why nothing happened and offers the notice (in a private chat; a button elsewhere gets a short alert). */
export async function refuseWithoutConsent(ctx: BotContext) {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t(ctx.locale, "privacy-required"), show_alert: ctx.chat?.type !== "private" });
  if (ctx.chat?.type !== "private") return;
  await replyHtml(ctx, `${bilingual(ctx.locale, "privacy-required")}\n\n${t(ctx.locale, "privacy-notice")}`, privacyKeyboard(ctx.locale));
}

export const consentGate = new Composer<BotContext>();

consentGate.on(["message", "callback_query"], async (ctx, next) => {
  // Group messages are not the person's own conversation with the bot; no feature stores them.
  if (ctx.message && ctx.chat.type !== "private") return next();
  if (hasConsent(ctx) || ctx.state.sender.specialist || storesNothing(ctx)) return next();
  await refuseWithoutConsent(ctx);
});
