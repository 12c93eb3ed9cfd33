// A Telegram HTML message as the group robots' markdown: bold, links and code kept, every line kept
// (a supervision notice's document layout: title, 文号, addressee, facts, demand, issuer, date).
// Telegram's other tags become plain text; URL buttons become links (the robots have no buttons).

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', "#39": "'" };
const unescape = (text: string) => text.replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) => ENTITIES[name]!);

export interface UrlButton {
  text: string;
  url: string;
}

/** The markdown of a Telegram HTML text; `hardBreaks` ends lines with two spaces (DingTalk joins bare newlines). */
export function markdownOf(html: string, buttons: UrlButton[] = [], hardBreaks = false): string {
  const body = html
    .replace(/<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, text: string) => `[${text.replace(/<[^>]+>/g, "")}](${href})`)
    .replace(/<\/?(b|strong)>/gi, "**")
    .replace(/<\/?code>/gi, "`")
    .replace(/<blockquote[^>]*>([\s\S]*?)<\/blockquote>/gi, (_, inner: string) => inner.split("\n").map((l) => `> ${l}`).join("\n"))
    .replace(/<[^>]+>/g, "");
  const links = buttons.map((b) => `[${b.text}](${b.url})`);
  const text = unescape([body, ...(links.length ? ["", ...links] : [])].join("\n"));
  return hardBreaks ? text.split("\n").map((l) => (l.trim() ? `${l}  ` : l)).join("\n") : text;
}

/** The plain text of a Telegram HTML text (WeCom's text messages, which alone carry @-mentions). */
export const plainOf = (html: string): string => unescape(html.replace(/<[^>]+>/g, ""));

/** A short title: the first non-empty line, as plain text (DingTalk shows it in the notification). */
export function titleOf(html: string): string {
  const first = plainOf(html).split("\n").find((l) => l.trim()) ?? "";
  return [...first.trim()].slice(0, 64).join("");
}

export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/** Parts of at most `maxBytes` UTF-8 bytes each, cut at line ends where possible, in order. */
export function splitBytes(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (utf8Length(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    current = "";
    // A single line longer than a part: cut by characters.
    let rest = line;
    while (utf8Length(rest) > maxBytes) {
      let cut = "";
      for (const ch of rest) {
        if (utf8Length(cut + ch) > maxBytes) break;
        cut += ch;
      }
      parts.push(cut);
      rest = rest.slice(cut.length);
    }
    current = rest;
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}
