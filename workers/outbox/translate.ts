// Filling the machine-translation slots of claimed outbox rows, just before they are sent: on the
// sender's side (the drain after an update, the tick, the queue), never in the webhook's two round
// trips. Each distinct text is translated once: looked up in `translations` (one read, only when a
// row has a slot), asked of the translator at most once per drain, and stored with the drain's
// outcomes. A translator that fails, is slow or says nothing costs a bounded wait: the message then
// goes with its original and a note, never later, never lost.
import { inArray } from "drizzle-orm";
import type { DbHandle } from "../../db/client.ts";
import type { MessagePayload } from "../../db/queries/outbox.ts";
import { translations } from "../../db/schema.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { t } from "../../lib/i18n.ts";
import { fitText, shownLength, TEXT_LIMIT } from "../../lib/telegram-text.ts";
import { TRANSLATION_SLOT, TRANSLATION_WAIT_MS, within, type TranslationRequest, type Translator } from "../../lib/translation.ts";
import type { OutboxRow } from "./claim.ts";

export interface TranslatedRows {
  rows: OutboxRow[];
  /** Cache rows for the outcomes' batch. */
  writes: ReturnType<typeof storeTranslation>[];
  report: { translated: number; cached: number; unavailable: number };
}

/** Translations asked at once. */
const TRANSLATION_LANES = 4;

const requestOf = (row: OutboxRow): TranslationRequest | undefined => (row.payload as MessagePayload | null)?.machine_translation;
export const keyOf = (r: TranslationRequest) => sha256Hex(`${r.from}>${r.to}\n${r.text}`);

function storeTranslation(handle: DbHandle, hash: string, translatedText: string, about: number | null, now: number) {
  return handle.db.insert(translations).values({ hash, translatedText, aboutTelegramId: about, createdAt: now }).onConflictDoNothing();
}

/**
 * The payload as sent: the slot filled with the labelled translation, cut to the room the message
 * has left (ending in the request's pointer); with the note when `translation` is "" (failed, slow,
 * empty); removed when it is null (translation off).
 */
export function fillSlot(payload: MessagePayload, translation: string | null): MessagePayload {
  const { machine_translation: request, ...rest } = payload;
  if (!payload.text.includes(TRANSLATION_SLOT)) return rest;
  const without = payload.text.replace(`\n${TRANSLATION_SLOT}`, "").replace(TRANSLATION_SLOT, "");
  if (!request || translation === null) return { ...rest, text: without };
  const room = TEXT_LIMIT - shownLength(without) - 1;
  const note = t(request.to, "machine-translation-unavailable");
  let block = note;
  if (translation) {
    const fitted = fitText((cut) => t(request.to, "machine-translation", { text: cut(translation) }), { pointer: request.pointer, limit: room }).text;
    if (shownLength(fitted) <= room) block = fitted;
  }
  if (shownLength(block) > room) return { ...rest, text: without };
  return { ...rest, text: payload.text.replace(TRANSLATION_SLOT, block) };
}

export async function translateClaimed(handle: DbHandle, rows: OutboxRow[], translator: Translator | undefined, now: number, waitMs = TRANSLATION_WAIT_MS): Promise<TranslatedRows> {
  const slotted = rows.filter(requestOf);
  if (!slotted.length) return { rows, writes: [], report: { translated: 0, cached: 0, unavailable: 0 } };
  const fill = (found: Map<OutboxRow, string | null>) =>
    rows.map((row) => (found.has(row) ? { ...row, payload: fillSlot(row.payload as MessagePayload, found.get(row)!) } : row));
  if (!translator) return { rows: fill(new Map(slotted.map((row) => [row, null]))), writes: [], report: { translated: 0, cached: 0, unavailable: 0 } };

  const keys = new Map<OutboxRow, string>();
  const wanted: Wanted = new Map();
  for (const row of slotted) {
    const key = await keyOf(requestOf(row)!);
    keys.set(row, key);
    const seen = wanted.get(key);
    if (!seen) wanted.set(key, { request: requestOf(row)!, about: row.aboutTelegramId });
    else if (seen.about === null) seen.about = row.aboutTelegramId;
  }
  const { known, writes, report } = await translateOnce(handle, wanted, translator, now, waitMs);
  return { rows: fill(new Map(slotted.map((row) => [row, known.get(keys.get(row)!) ?? ""]))), writes, report };
}

/** The texts to translate, by their cache key, with the investor whose words they are (for /deleteme). */
export type Wanted = Map<string, { request: TranslationRequest; about: number | null }>;

/**
 * Each wanted text's translation ("" when unavailable): from the cache (one read), else asked of the
 * translator within `waitMs`; new ones come back as cache rows for the caller's batch.
 */
export async function translateOnce(handle: DbHandle, wanted: Wanted, translator: Translator, now: number, waitMs = TRANSLATION_WAIT_MS) {
  const report = { translated: 0, cached: 0, unavailable: 0 };
  const cached = await handle.db.select().from(translations).where(inArray(translations.hash, [...wanted.keys()]));
  const known = new Map(cached.map((c) => [c.hash, c.translatedText]));
  report.cached = known.size;
  const writes: TranslatedRows["writes"] = [];
  // A few at a time (a Worker has 6 connections open at once), all within one wait: a backlog of
  // texts costs the drain at most `waitMs`; what is not reached by then goes with the note.
  const misses = [...wanted].filter(([key]) => !known.has(key));
  const deadline = Date.now() + waitMs;
  const lane = async () => {
    for (let next = misses.shift(); next; next = misses.shift()) {
      const [key, { request, about }] = next;
      const left = deadline - Date.now();
      const text = left > 0 ? await within(translator.translate(request.text, request.from, request.to).catch(() => ""), left, "") : "";
      known.set(key, text);
      if (!text) {
        report.unavailable += 1;
        continue;
      }
      report.translated += 1;
      writes.push(storeTranslation(handle, key, text, about, now));
    }
  };
  await Promise.all(Array.from({ length: Math.min(TRANSLATION_LANES, misses.length) }, lane));
  return { known, writes, report };
}
