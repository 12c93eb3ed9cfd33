// A translator over a set of Fluent catalogs. The bot and the supervisors' web each build one
// from only the catalogs they use, so neither Worker carries the other's text.
// The bot sends every message with parse_mode HTML, so its translator escapes string arguments; the
// web's pages are built with hono/html, which escapes whatever it interpolates, so its translator
// leaves them as they are (escaping twice would show "&amp;").
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { LOCALES, type Locale } from "../domain/vocabulary.ts";

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
export type Catalogs = Record<Locale, readonly string[]>;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

export function createTranslator(catalogs: Catalogs, options: { escapeArgs: boolean }) {
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

  /** The text of `key` in `locale`, string arguments escaped if this translator does. A missing key is a bug and throws. */
  function t(locale: Locale, key: string, args: Args = {}): string {
    const bundle = load()[locale];
    const message = bundle.getMessage(key);
    if (!message?.value) throw new Error(`missing message ${key} in ${locale}.ftl`);
    const safe: Record<string, FluentVariable> = {};
    for (const [name, value] of Object.entries(args)) {
      if (value == null) safe[name] = "";
      else if (value instanceof Html) safe[name] = value.value;
      else safe[name] = typeof value === "string" && options.escapeArgs ? escapeHtml(value) : value;
    }
    const errors: Error[] = [];
    const text = bundle.formatPattern(message.value, safe, errors);
    if (errors.length) throw new Error(`${locale}.ftl ${key}: ${errors[0]!.message}`);
    return text;
  }

  /** The message ids of a catalog set, for the test that both languages hold the same keys. */
  const messageIds = (locale: Locale): string[] => catalogs[locale].flatMap((source) => new FluentResource(source).body.map((entry) => entry.id));

  return { t, messageIds };
}
