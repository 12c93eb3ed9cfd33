// Machine translations on the case page: each free text the viewer reads across the zh/en line (the
// firm's words to a Chinese reader, a specialist's to an English one) is shown under its original,
// labelled. The sender has made most of them already (cached by hash); the rest are asked of the
// translator within the same bounded wait and kept for the next reader. No translator: originals only.
import type { DbHandle } from "../../db/client.ts";
import type { Locale } from "../../lib/i18n.ts";
import { crossing, type Translator } from "../../lib/translation.ts";
import { keyOf, translateOnce, type Wanted } from "../outbox/translate.ts";
import type { CaseRead } from "./case-data.ts";
import { eventDetail } from "./case-page.ts";

/** The free texts of the page with the Telegram id of the investor whose words they are (null: staff's). */
function freeTexts(c: CaseRead): [string, number | null][] {
  const firm = c.case.createdBy;
  const details = c.case.details && typeof c.case.details === "object" ? Object.values(c.case.details as Record<string, unknown>) : [];
  return [
    [c.case.summary, firm],
    ...details.filter((v): v is string => typeof v === "string" && v !== "").map((v): [string, number | null] => [v, firm]),
    ...c.events.map(({ event: e }): [string, number | null] => [eventDetail(e.data), e.actorType === "investor" && e.actorId ? Number(e.actorId) : null]),
    ...c.notices.map(({ notice: n }): [string, number | null] => [n.replyText ?? "", null]),
  ];
}

/** Each text's translation for `reader`, for the texts that cross the line and could be translated. */
export async function caseTranslations(handle: DbHandle, c: CaseRead, reader: Locale, translator: Translator | undefined, now: number): Promise<Map<string, string>> {
  if (!translator) return new Map();
  const keys = new Map<string, string>();
  const wanted: Wanted = new Map();
  for (const [text, about] of freeTexts(c)) {
    const request = crossing(text, reader, "");
    if (!request || keys.has(text)) continue;
    const key = await keyOf(request);
    keys.set(text, key);
    wanted.set(key, { request, about });
  }
  if (wanted.size === 0) return new Map();
  const { known, writes } = await translateOnce(handle, wanted, translator, now);
  if (writes.length) await handle.db.batch(writes as [(typeof writes)[number], ...typeof writes]);
  return new Map([...keys].flatMap(([text, key]): [string, string][] => (known.get(key) ? [[text, known.get(key)!]] : [])));
}
