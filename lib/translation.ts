// Machine translation across the language line (zh ↔ en): the interface the outbox's sender uses,
// its one implementation over Workers AI, and the slot a message keeps for the translation. A
// message is rendered with the original and a slot; the sender fills the slot when it sends
// (workers/outbox/translate.ts), so translating never touches the webhook's round trips.
import type { Locale } from "./fluent.ts";

/** Where a message's translation goes; the sender replaces it (or removes it when translation is off). */
export const TRANSLATION_SLOT = "\u27E6mt\u27E7";
/** Room a message with a slot keeps for the translation when it is rendered; the original has the rest. */
export const TRANSLATION_ROOM = 2048;
/** How long a message waits for its translation before it goes with the original and a note. */
export const TRANSLATION_WAIT_MS = 2_500;

/** What a payload carries for its slot: the free text, its language, the reader's, and where the whole text is. */
export interface TranslationRequest {
  text: string;
  from: Locale;
  to: Locale;
  /** Plain text ending a cut translation, e.g. "（全文：/case HN-2026-000123）". */
  pointer: string;
}

export interface Translator {
  /** The text in `to`; "" when the model gave nothing back. Throws when the service fails. */
  translate(text: string, from: Locale, to: Locale): Promise<string>;
}

/** Anything that answers like the Workers AI binding's `run()`. */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

export const M2M100 = "@cf/meta/m2m100-1.2b";

/**
 * Meta's m2m100 on Workers AI: `{ text, source_lang, target_lang }` → `{ translated_text }`, with
 * ISO 639-1 codes ("zh", "en"). Checked against the model's types in @cloudflare/workers-types
 * 5.20261117.1 (`Ai_Cf_Meta_M2M100_1_2B_Input` / `_Output`), rendered at
 * https://docs.livestore.dev/api/sync-cf/livestore/namespaces/cftypes/type-aliases/ai_cf_meta_m2m100_1_2b_output/
 * (model page: https://developers.cloudflare.com/workers-ai/models/m2m100-1.2b/).
 */
export function workersAiTranslator(ai: AiRunner): Translator {
  return {
    async translate(text, from, to) {
      const output = (await ai.run(M2M100, { text, source_lang: from, target_lang: to })) as { translated_text?: unknown } | null;
      return typeof output?.translated_text === "string" ? output.translated_text.trim() : "";
    },
  };
}

/**
 * The language a free text is written in, as far as the zh/en line goes: Chinese when Han
 * characters carry at least as much of it as Latin letters do (a Han character about a word,
 * five letters about a word); null when it has neither (a number, a date), which needs no translation.
 */
export function languageOf(text: string): Locale | null {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (!han && !latin) return null;
  return han * 5 >= latin ? "zh" : "en";
}

/** The request for `text` read by a `reader`, or null when it does not cross the language line. */
export function crossing(text: string, reader: Locale, pointer: string): TranslationRequest | null {
  const from = languageOf(text);
  return from && from !== reader ? { text, from, to: reader, pointer } : null;
}

/** `promise`'s value, or `fallback` once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
