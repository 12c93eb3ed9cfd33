// All user-facing text lives in bots/locales/*.ftl (Fluent). Every message is sent with
// parse_mode HTML, so string arguments are escaped here, once, for every caller.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { LOCALES, type Locale } from "../db/schema.ts";
import { catalogs } from "./locales/catalogs.ts";

export type { Locale };
/** Text that is HTML already (another message's rendering): passed into a message as it is. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
}

export const raw = (value: string) => new Html(value);

export type Args = Record<string, string | number | Html | null | undefined>;

let bundles: Record<Locale, FluentBundle> | undefined;

function load(): Record<Locale, FluentBundle> {
  if (!bundles) {
    const made = {} as Record<Locale, FluentBundle>;
    for (const locale of LOCALES) {
      // No bidi isolation marks: Telegram shows them as stray characters in some clients.
      const bundle = new FluentBundle(locale === "zh" ? "zh-CN" : "en", { useIsolating: false });
      for (const source of catalogs[locale]) {
        // allowOverrides stays false: a key defined twice is an error, not a silent shadow.
        const errors = bundle.addResource(new FluentResource(source));
        if (errors.length) throw new Error(`${locale} catalog: ${errors[0]!.message}`);
      }
      made[locale] = bundle;
    }
    bundles = made;
  }
  return bundles;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/** The text of `key` in `locale`; string arguments are HTML-escaped. A missing key is a bug and throws. */
export function t(locale: Locale, key: string, args: Args = {}): string {
  const bundle = load()[locale];
  const message = bundle.getMessage(key);
  if (!message?.value) throw new Error(`missing message ${key} in ${locale}.ftl`);
  const safe: Record<string, FluentVariable> = {};
  for (const [name, value] of Object.entries(args)) {
    if (value == null) safe[name] = "";
    else if (value instanceof Html) safe[name] = value.value;
    else safe[name] = typeof value === "string" ? escapeHtml(value) : value;
  }
  const errors: Error[] = [];
  const text = bundle.formatPattern(message.value, safe, errors);
  if (errors.length) throw new Error(`${locale}.ftl ${key}: ${errors[0]!.message}`);
  return text;
}

export function otherLocale(locale: Locale): Locale {
  return locale === "zh" ? "en" : "zh";
}

/** Both languages in one message: the reader's first, then the other. Chinese is authoritative. */
export function bilingual(primary: Locale, key: string, args: Args = {}): string {
  return `${t(primary, key, args)}\n\n${t(otherLocale(primary), key, args)}`;
}

/** The message ids of a catalog, for the test that both catalogs hold the same keys. */
export function messageIds(locale: Locale): string[] {
  return catalogs[locale].flatMap((source) => new FluentResource(source).body.map((entry) => entry.id));
}
