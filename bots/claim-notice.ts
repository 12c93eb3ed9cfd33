// What a claimant is told when their claim on a firm is decided, in chat or in the web. The
// translator is the caller's: the bot's escapes arguments for Telegram's HTML, the web's does not,
// so the web passes the name escaped.
import type { MessagePayload } from "../db/queries/outbox.ts";
import type { Args, Locale } from "../lib/fluent.ts";

type Translate = (locale: Locale, key: string, args?: Args) => string;

export function claimNotice(t: Translate, verify: boolean, name: (locale: Locale) => string): { zh: MessagePayload; en: MessagePayload } {
  const payload = (locale: Locale): MessagePayload => ({
    text: t(locale, verify ? "claim-verified-notice" : "claim-rejected-notice", { name: name(locale) }),
    parse_mode: "HTML",
  });
  return { zh: payload("zh"), en: payload("en") };
}
