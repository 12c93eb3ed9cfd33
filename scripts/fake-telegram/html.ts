// Telegram's parse_mode HTML, as far as a sender can trip over it: only the documented tags,
// properly nested and closed; `<` outside a tag is an error; entities decoded; the 4,096 limit
// applies to the text left after parsing. The fake answers 400 exactly where Telegram would,
// so every test also checks that what the bot sends is escaped.

const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"]);
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

export type HtmlParse = { ok: true; text: string } | { ok: false; description: string };

export function parseTelegramHtml(html: string): HtmlParse {
  const open: string[] = [];
  let text = "";
  let i = 0;
  const fail = (what: string) => ({ ok: false as const, description: `Bad Request: can't parse entities: ${what} at byte offset ${Buffer.byteLength(html.slice(0, i))}` });
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) return fail("Unclosed start tag");
      const inner = html.slice(i + 1, end);
      const closing = inner.startsWith("/");
      const name = (closing ? inner.slice(1) : inner).trim().split(/\s/)[0]!.toLowerCase();
      if (!TAGS.has(name)) return fail(`Unsupported ${closing ? "end" : "start"} tag "${name}"`);
      if (closing) {
        if (open.pop() !== name) return fail(`Unexpected end tag`);
      } else {
        open.push(name);
      }
      i = end + 1;
      continue;
    }
    if (ch === "&") {
      const match = /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (match) {
        const ref = match[1]!;
        const decoded = ref.startsWith("#x") ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith("#") ? String.fromCodePoint(Number(ref.slice(1))) : NAMED[ref.toLowerCase()];
        if (decoded === undefined) return fail(`Unsupported HTML entity "&${ref};"`);
        text += decoded;
        i += match[0].length;
        continue;
      }
    }
    text += ch;
    i += 1;
  }
  if (open.length) return fail(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return { ok: true, text };
}
