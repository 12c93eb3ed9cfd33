// The command menu Telegram shows, in both languages (setMyCommands with language_code).
import type { BotCommand } from "grammy/types";
import { t, type Locale } from "../lib/i18n.ts";

export const INVESTOR_COMMANDS = [
  "start", "appointment", "urgent", "policy", "cases", "status", "language", "privacy", "deleteme", "help", "cancel",
] as const;

export function commandMenu(locale: Locale): BotCommand[] {
  return INVESTOR_COMMANDS.map((command) => ({ command, description: t(locale, `cmd-${command}`) }));
}
