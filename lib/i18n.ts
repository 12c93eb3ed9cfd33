// All user-facing text lives in lib/locales/*.ftl (Fluent); see fluent.ts for escaping.
import { createTranslator, type Args, type Locale } from "./fluent.ts";
// "#catalogs": lib/locales/catalogs.ts; in the web Worker's build notice-catalogs.ts, in the jobs Worker's jobs-catalogs.ts (see there).
import { catalogs } from "#catalogs";

export { escapeHtml, Html, raw, type Args, type Locale } from "./fluent.ts";

export const { t, messageIds } = createTranslator(catalogs, { escapeArgs: true });

export function otherLocale(locale: Locale): Locale {
  return locale === "zh" ? "en" : "zh";
}

/** Both languages in one message: the reader's first, then the other. Chinese is authoritative. */
export function bilingual(primary: Locale, key: string, args: Args = {}): string {
  return `${t(primary, key, args)}\n\n${t(otherLocale(primary), key, args)}`;
}
