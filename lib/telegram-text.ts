// Telegram text as Telegram measures it, and messages built to fit. A message may hold 4,096
// characters of the text left once parse_mode HTML is parsed (tags removed, entities decoded);
// more is refused with 400 "message is too long". We count UTF-16 code units (JavaScript's
// length), never fewer than Telegram counts. The fake Bot API parses with the same code, so it
// refuses exactly what this module would let through.

export const TEXT_LIMIT = 4096;

/** Characters a message may show; a function when that depends on the text (room for placeholders filled in later). */
export type Limit = number | ((text: string) => number);
const limitOf = (limit: Limit, text: string) => (typeof limit === "number" ? limit : limit(text));

/** The tags parse_mode HTML knows; any other is refused ("Unsupported start tag"). */
const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"]);
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** One tag, one entity or one character of the source, with what it shows. */
interface Token {
  raw: string;
  shown: string;
  tag?: { name: string; closing: boolean };
}

export type HtmlParse = { ok: true; text: string } | { ok: false; description: string };

function tokenize(html: string): Token[] | { error: string; at: number } {
  const tokens: Token[] = [];
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) return { error: "Unclosed start tag", at: i };
      const inner = html.slice(i + 1, end);
      const closing = inner.startsWith("/");
      const name = (closing ? inner.slice(1) : inner).trim().split(/\s/)[0]!.toLowerCase();
      if (!TAGS.has(name)) return { error: `Unsupported ${closing ? "end" : "start"} tag "${name}"`, at: i };
      if (!closing) open.push(name);
      else if (open.pop() !== name) return { error: "Unexpected end tag", at: i };
      tokens.push({ raw: html.slice(i, end + 1), shown: "", tag: { name, closing } });
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const match = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (match) {
        const ref = match[1]!;
        const decoded = ref.startsWith("#x") ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith("#") ? String.fromCodePoint(Number(ref.slice(1))) : NAMED[ref.toLowerCase()];
        if (decoded === undefined) return { error: `Unsupported HTML entity "&${ref};"`, at: i };
        tokens.push({ raw: match[0], shown: decoded });
        i += match[0].length;
        continue;
      }
    }
    const char = String.fromCodePoint(html.codePointAt(i)!);
    tokens.push({ raw: char, shown: char });
    i += char.length;
  }
  if (open.length) return { error: `Can't find end tag corresponding to start tag "${open.at(-1)}"`, at: i };
  return tokens;
}

/** What Telegram makes of `html`: the text it shows, or the 400 it answers. */
export function parseTelegramHtml(html: string): HtmlParse {
  const tokens = tokenize(html);
  if (!Array.isArray(tokens)) {
    const offset = new TextEncoder().encode(html.slice(0, tokens.at)).length;
    return { ok: false, description: `Bad Request: can't parse entities: ${tokens.error} at byte offset ${offset}` };
  }
  return { ok: true, text: tokens.map((t) => t.shown).join("") };
}

const ENTITY = /&(#x[0-9a-f]+|#\d+|[a-z]+);/iy;

/** The length Telegram holds against the limit, of text it can parse (a scan, no copies: fitting measures often). */
export function shownLength(text: string, html = true): number {
  if (!html) return text.length;
  let length = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "<") {
      const end = text.indexOf(">", i);
      if (end < 0) return text.length;
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      ENTITY.lastIndex = i;
      const match = ENTITY.exec(text);
      if (match && match[0].length <= 12) {
        const ref = match[1]!;
        const code = ref.startsWith("#x") ? parseInt(ref.slice(2), 16) : ref.startsWith("#") ? Number(ref.slice(1)) : 0;
        length += code > 0xffff ? 2 : 1;
        i += match[0].length;
        continue;
      }
    }
    length += 1;
    i += 1;
  }
  return length;
}

/**
 * The longest version of a message that fits. `render` builds the message and passes each free
 * text that may be long (an answer, a reply) through `cut`; when the whole is over `limit`, the
 * longest texts are cut to one common length, so short ones stay whole, each ending in "…" and
 * `pointer` (plain text, e.g. "(full text: /case HN-2026-000123)"). `cut` takes and returns
 * plain text: escape its result as any other argument. `cut: true` when something was cut.
 * If even the texts cut to nothing do not fit, that version is returned: the channel splits it.
 */
export function fitText(
  render: (cut: (text: string) => string) => string,
  options: { pointer?: string; limit?: Limit } = {},
): { text: string; cut: boolean } {
  const { limit = TEXT_LIMIT } = options;
  const fits = (text: string) => shownLength(text) <= limitOf(limit, text);
  let longest = 0;
  const whole = render((text) => {
    longest = Math.max(longest, [...text].length);
    return text;
  });
  if (fits(whole)) return { text: whole, cut: false };
  const ending = `…${options.pointer ?? ""}`;
  const cutTo = (keep: number) => render((text) => {
    const chars = [...text];
    return chars.length <= keep ? text : `${chars.slice(0, keep).join("").trimEnd()}${ending}`;
  });
  // The largest common length that fits: fewer kept characters never make the message longer.
  let low = 0;
  let high = longest - 1;
  let best = cutTo(0);
  while (low <= high) {
    const mid = (low + high) >> 1;
    const text = cutTo(mid);
    if (fits(text)) {
      best = text;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return { text: best, cut: true };
}

/** Where a part may end, best first: after a blank line, a line, a space. */
const BREAKS = ["\n\n", "\n", " "] as const;

/**
 * `text` as parts of at most `limit` shown characters, in order, nothing lost: each part ends at a
 * blank line if one leaves it at least half full, else at a line end, else a space, else anywhere
 * between two characters. Tags open at a cut are closed at the end of the part and opened again
 * at the start of the next.
 */
export function splitText(text: string, options: { html?: boolean; limit?: Limit } = {}): string[] {
  const html = options.html ?? true;
  const limit = limitOf(options.limit ?? TEXT_LIMIT, text);
  if (shownLength(text, html) <= limit) return [text];
  const tokens = html ? tokenize(text) : [...text].map((c): Token => ({ raw: c, shown: c }));
  // Unparsable HTML cannot be cut safely; Telegram refuses it whole, and the outbox says so.
  if (!Array.isArray(tokens)) return [text];
  const parts: string[] = [];
  let open: Token[] = [];
  let start = 0;
  while (start < tokens.length) {
    let shown = 0;
    let end = start;
    const breaks = new Map<string, number>();
    while (end < tokens.length && shown + tokens[end]!.shown.length <= limit) {
      shown += tokens[end]!.shown.length;
      end += 1;
      const last = tokens[end - 1]!.shown;
      const kind = last === "\n" && tokens[end - 2]?.shown === "\n" ? "\n\n" : last;
      if ((BREAKS as readonly string[]).includes(kind) && shown >= limit / 2) breaks.set(kind, end);
    }
    if (end < tokens.length) end = BREAKS.map((b) => breaks.get(b)).find((at) => at !== undefined) ?? end;
    // Closing tags right after the cut still belong to this part.
    while (end < tokens.length && tokens[end]!.tag?.closing) end += 1;
    const body = tokens.slice(start, end);
    const stillOpen = [...open];
    for (const token of body) {
      if (token.tag?.closing) stillOpen.pop();
      else if (token.tag) stillOpen.push(token);
    }
    const part = [...open, ...body].map((t) => t.raw).join("") + stillOpen.map((t) => `</${t.tag!.name}>`).reverse().join("");
    if (body.some((t) => t.shown.trim())) parts.push(part);
    open = stillOpen;
    start = end;
  }
  return parts;
}

export interface TextPayload {
  text: string;
  parse_mode?: "HTML";
  reply_markup?: unknown;
}

/** One message per part of the payload's text, in order; the buttons go under the last part. */
export function splitPayload<P extends TextPayload>(payload: P, limit: Limit = TEXT_LIMIT): P[] {
  const texts = splitText(payload.text, { html: payload.parse_mode === "HTML", limit });
  if (texts.length === 1) return [payload];
  const { reply_markup: markup, ...rest } = payload;
  return texts.map((text, i) => ({ ...rest, text, ...(i === texts.length - 1 && markup !== undefined ? { reply_markup: markup } : {}) }) as P);
}

/**
 * Blocks (e.g. one per language) packed whole into as few messages as fit, in order; a block too long
 * alone is split. `joinLimit` (default `limit`) is what blocks joined in one message may show: less
 * keeps room for what is filled in later (a machine translation) without splitting a block that fits.
 */
export function packBlocks(blocks: string[], options: { separator?: string; limit?: Limit; joinLimit?: Limit } = {}): string[] {
  const separator = options.separator ?? "\n\n";
  const limit = options.limit ?? TEXT_LIMIT;
  const joinLimit = options.joinLimit ?? limit;
  const messages: string[] = [];
  let current: string | undefined;
  for (const block of blocks) {
    const joined = current === undefined ? block : `${current}${separator}${block}`;
    if (current === undefined ? shownLength(joined) <= limitOf(limit, joined) : shownLength(joined) <= limitOf(joinLimit, joined)) {
      current = joined;
      continue;
    }
    if (current !== undefined) messages.push(current);
    const parts = splitText(block, { limit });
    current = parts.pop();
    messages.push(...parts);
  }
  if (current !== undefined) messages.push(current);
  return messages;
}
