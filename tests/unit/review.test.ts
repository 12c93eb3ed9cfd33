import { describe, expect, it } from "vitest";
import { urgentForm } from "../../bots/forms/definitions.ts";
import { REVIEW } from "../../bots/forms/engine.ts";
import { reviewScreen } from "../../bots/forms/render.ts";
import { parseTelegramHtml, TEXT_LIMIT } from "../../lib/telegram-text.ts";

const review = (draft: Record<string, string>) => {
  const { text } = reviewScreen("en", urgentForm, { form: "urgent", path: Object.keys(draft), draft, at: REVIEW });
  const parsed = parseTelegramHtml(text);
  if (!parsed.ok) throw new Error(parsed.description);
  return parsed.text;
};

describe("the review screen: every answer within one Telegram message, under its buttons", () => {
  it("shows short answers whole, without a note", () => {
    const shown = review({ difficulty: "Customs <hold> & delay", impact: "Two weeks", help_asked: "Clearance", especially_urgent: "no" });
    expect(shown).toContain("Difficulty: Customs <hold> & delay");
    expect(shown).not.toMatch(/shortened/);
  });

  it("cuts only the long answers, to one length, and says so; the short stay whole", () => {
    // Every field at its maximum (in characters; an emoji takes two of Telegram's).
    const shown = review({ difficulty: "😀".repeat(2000), impact: "x".repeat(1000), help_asked: "z".repeat(1000), especially_urgent: "yes", urgency_reason: "y".repeat(500) });
    expect(shown.length).toBeLessThanOrEqual(TEXT_LIMIT);
    expect(shown.length).toBeGreaterThan(TEXT_LIMIT - 100);
    expect(shown).toContain(`: ${"y".repeat(500)}\n`);
    const kept = [/: ((?:😀)+)…/u, /: (x+)…/, /: (z+)…/].map((pattern) => [...pattern.exec(shown)![1]!].length);
    expect(new Set(kept).size).toBe(1);
    expect(shown).toMatch(/shortened here to fit one message; they are kept in full/);
  });
});
