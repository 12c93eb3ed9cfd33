import { describe, expect, it } from "vitest";
import { fitAnswers } from "../../bots/forms/render.ts";

const total = (values: string[]) => values.reduce((sum, v) => sum + v.length, 0);

describe("fitAnswers: a review screen's answers within one Telegram message", () => {
  it.each([
    ["all short: untouched", ["a", "bb", "ccc"], 100, ["a", "bb", "ccc"]],
    ["exactly at the budget: untouched", ["x".repeat(50), "y".repeat(50)], 100, ["x".repeat(50), "y".repeat(50)]],
    ["one long among short: the short stay whole", ["ab", "x".repeat(200), "cd"], 100, ["ab", `${"x".repeat(95)}…`, "cd"]],
    ["two long: the budget shared", ["x".repeat(200), "y".repeat(300)], 100, [`${"x".repeat(49)}…`, `${"y".repeat(49)}…`]],
  ])("%s", (_label, values, budget, expected) => {
    const fitted = fitAnswers(values, budget);
    expect(fitted).toEqual(expected);
    expect(total(fitted)).toBeLessThanOrEqual(budget);
  });

  it("never cuts inside a character that takes two UTF-16 units", () => {
    const [fitted] = fitAnswers(["😀".repeat(100)], 11);
    expect(fitted).toBe(`${"😀".repeat(5)}…`);
    expect(fitted!.length).toBeLessThanOrEqual(11);
  });
});
