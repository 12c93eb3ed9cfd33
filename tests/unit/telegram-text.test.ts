import { describe, expect, it } from "vitest";
import { fitText, packBlocks, parseTelegramHtml, shownLength, splitPayload, splitText, TEXT_LIMIT } from "../../lib/telegram-text.ts";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const shown = (html: string) => {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.description);
  return parsed.text;
};

describe("measuring as Telegram does", () => {
  it("counts the text left after parsing: tags removed, entities decoded", () => {
    expect(shownLength("<b>a&lt;b</b> &amp; &#x1F600;")).toBe("a<b & 😀".length);
    expect(shownLength("<b>x</b>", false)).toBe(8);
    expect(parseTelegramHtml("<b>x")).toEqual({ ok: false, description: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b" at byte offset 4` });
    expect(parseTelegramHtml("汉 <x>")).toMatchObject({ ok: false, description: expect.stringMatching(/Unsupported start tag "x" at byte offset 4$/) });
  });
});

describe("fitText: free text cut to the budget, with a pointer", () => {
  const render = (cut: (text: string) => string, a: string, b: string) => `<b>Title</b>\nA: ${escape(cut(a))}\nB: ${escape(cut(b))}`;

  it("leaves a message that fits as it is", () => {
    expect(fitText((cut) => render(cut, "short", "also short"))).toEqual({ text: "<b>Title</b>\nA: short\nB: also short", cut: false });
  });

  it("cuts only the long texts, to one common length, as long as the limit allows, each with the pointer", () => {
    const long = "<&>".repeat(3000);
    const { text, cut } = fitText((c) => render(c, "short & sweet", long), { pointer: " (full text: /case HN-1)" });
    expect(cut).toBe(true);
    expect(shownLength(text)).toBe(TEXT_LIMIT);
    expect(text).toContain("A: short &amp; sweet\n");
    expect(text).toMatch(/…\s\(full text: \/case HN-1\)$/);
    // Never inside an escaped entity: the message still parses.
    expect(parseTelegramHtml(text).ok).toBe(true);
  });

  it("shares the budget: two long texts are cut to the same length", () => {
    const { text } = fitText((c) => render(c, "a".repeat(5000), "b".repeat(5000)), { limit: 1000, pointer: "!" });
    const [, a, b] = shown(text).split("\n");
    expect(a!.length).toBe(b!.length);
    expect(shownLength(text)).toBeLessThanOrEqual(1000);
  });

  it("never splits a character made of two UTF-16 units", () => {
    const { text } = fitText((c) => `${escape(c("😀".repeat(3000)))}`, { pointer: "." });
    expect(shown(text)).toMatch(/^(😀)+….$/u);
  });
});

describe("splitText: parts sent in order, nothing lost", () => {
  it("splits a long list at line ends, each part within the limit", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${i} · HN-2026-${String(i).padStart(6, "0")} · Especially urgent appeal · Awaiting response · Tue 3 March 2026, 23:59`);
    const parts = splitText(["<b>My open cases</b>", ...lines].join("\n"));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(shownLength(part)).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(parts.map((p) => shown(p)).join("").replace(/\n/g, "")).toBe(["My open cases", ...lines].join(""));
    expect(parts.every((p) => /\n$/.test(p) || p === parts.at(-1))).toBe(true);
  });

  it("prefers a blank line that leaves the part at least half full", () => {
    const zh = `<b>中文</b>\n${"甲".repeat(2500)}`;
    const en = `<b>English</b>\n${"b".repeat(2500)}`;
    expect(splitText(`${zh}\n\n${en}`)).toEqual([`${zh}\n\n`, en]);
  });

  it("cuts a text without breaks anywhere between characters, closing and reopening its tags", () => {
    const text = `<b><i>${"x".repeat(5000)}</i></b>`;
    const parts = splitText(text);
    expect(parts).toEqual([`<b><i>${"x".repeat(4096)}</i></b>`, `<b><i>${"x".repeat(904)}</i></b>`]);
    const link = `<a href="https://e.x/?a=1&amp;b=2">${"y ".repeat(3000)}</a>`;
    const linked = splitText(link);
    expect(linked).toHaveLength(2);
    for (const part of linked) expect(part).toMatch(/^<a href="https:\/\/e\.x\/\?a=1&amp;b=2">[y ]+<\/a>$/);
  });

  it("splits plain text (no parse_mode) by its own length, and keeps unparsable HTML whole", () => {
    expect(splitText("<b>".repeat(2000), { html: false }).map((p) => p.length)).toEqual([4096, 1904]);
    expect(splitText(`<b>${"x".repeat(5000)}`)).toHaveLength(1);
  });
});

describe("splitPayload and packBlocks", () => {
  it("puts the buttons under the last part and keeps the other options on each", () => {
    const markup = { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] };
    const parts = splitPayload({ text: `${"a\n".repeat(3000)}`, parse_mode: "HTML" as const, reply_markup: markup, link_preview_options: { is_disabled: true } });
    expect(parts).toHaveLength(2);
    expect(parts.map((p) => p.reply_markup)).toEqual([undefined, markup]);
    expect(parts.every((p) => p.parse_mode === "HTML" && p.link_preview_options.is_disabled)).toBe(true);
    const one = { text: "short", parse_mode: "HTML" as const };
    expect(splitPayload(one)[0]).toBe(one);
  });

  it("packs whole blocks into as few messages as fit", () => {
    const a = "a".repeat(2000);
    const b = "b".repeat(2000);
    const c = "c".repeat(2500);
    expect(packBlocks([a, b])).toEqual([`${a}\n\n${b}`]);
    expect(packBlocks([a, c])).toEqual([a, c]);
    expect(packBlocks(["x", "y".repeat(5000)])).toEqual(["x", "y".repeat(4096), "y".repeat(904)]);
  });
});
