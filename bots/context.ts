import type { Context, Filter } from "grammy";
import type { UpdateUnit } from "../db/unit.ts";
import type { Sender } from "../db/queries/preload.ts";
import type { Settings } from "../lib/settings.ts";
import type { Locale } from "../lib/i18n.ts";

/** What the webhook prepared for one update before the bot's middleware runs. */
export interface UpdateState {
  unit: UpdateUnit;
  sender: Sender;
  settings: Settings;
}

export interface BotContext extends Context {
  state: UpdateState;
  /** The sender's chosen language, or Chinese (the authoritative language) until they choose. */
  locale: Locale;
}

/** A typed text message, as bots/routing.ts hands it to the feature of the sender's conversation. */
export type TextMessageContext = Filter<BotContext, "message:text">;
