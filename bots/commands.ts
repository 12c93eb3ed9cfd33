// The command menu Telegram shows, in both languages (setMyCommands with language_code), set by
// scripts/set-webhook.ts. Its own translator over commands.ftl: the bot's Worker does not carry the menu.
import type { BotCommand } from "grammy/types";
import { createTranslator, type Locale } from "../lib/fluent.ts";
import enCommands from "../lib/locales/en/commands.ftl" with { type: "text" };
import zhCommands from "../lib/locales/zh/commands.ftl" with { type: "text" };

export const INVESTOR_COMMANDS = [
  "start", "appointment", "urgent", "policy", "cases", "status", "language", "privacy", "deleteme", "help", "cancel",
] as const;

const { t } = createTranslator({ zh: [zhCommands], en: [enCommands] }, { escapeArgs: false });

export function commandMenu(locale: Locale): BotCommand[] {
  return INVESTOR_COMMANDS.map((command) => ({ command, description: t(locale, `cmd-${command}`) }));
}
