// The investor's case page (/s/<token>) in a real browser: reached through the link the bot sent,
// Chinese by default, switched to English and remembered, and a plain 404 for a wrong token.
import { describe, expect, it } from "vitest";
import { filePolicyQuestion, registeredInvestor, stack } from "../support/e2e-bot.ts";
import { chromiumForFile, newContext, screenshot } from "../support/e2e-browser.ts";

const browser = chromiumForFile();

describe("the case page in Chromium", () => {
  it("opens from the bot's link in Chinese, switches to English and remembers it", async () => {
    const { chat } = await registeredInvestor();
    const { ref, link } = await filePolicyQuestion(chat);
    // The link the investor got points at this stack (PUBLIC_BASE_URL), not somewhere else.
    expect(link.startsWith(`${stack().baseUrl}/s/`), link).toBe(true);

    const context = await newContext(browser());
    const page = await context.newPage();
    const opened = await page.goto(link);
    expect(opened?.status()).toBe(200);
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.locator("h1 .ref").textContent()).toBe(ref);
    expect(await page.locator(".status").textContent()).toBe("已受理");
    expect(await page.locator("body").textContent()).toContain("以中文为准");
    // Nothing personal on a page anyone with the link can open.
    expect(await page.locator("body").textContent()).not.toMatch(/Jane Doe|13800138000/);
    await screenshot(page, "case-page-zh.png");

    await Promise.all([page.waitForURL(/\?lang=en$/), page.getByRole("link", { name: "English" }).click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toContain("Case progress");
    expect(await page.locator(".status").textContent()).toBe("Received");

    await page.reload();
    expect(await page.locator(".status").textContent()).toBe("Received");
    // Remembered in the lang cookie (Secure, HttpOnly, on plain http://localhost): the bare link is English now.
    await page.goto(link);
    expect(page.url()).toBe(link);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator(".status").textContent()).toBe("Received");
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "lang")).toMatchObject({ value: "en", path: "/s", httpOnly: true, secure: true });
    await screenshot(page, "case-page-en.png");

    // Back to Chinese through the switch.
    await page.getByRole("link", { name: "中文" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await context.close();
  });

  it("answers a wrong or malformed token with a plain 404 that tells nothing about cases", async () => {
    const { chat } = await registeredInvestor();
    const { link } = await filePolicyQuestion(chat);
    const token = link.slice(-32);
    const wrong = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const context = await newContext(browser());
    const page = await context.newPage();
    for (const path of [`/s/${wrong}`, `/s/${"A".repeat(32)}`, "/s/short", `/s/${token}x`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      const text = (await page.locator("body").textContent()) ?? "";
      expect(text, path).not.toMatch(/HN-|诉求|case|token|Received|已受理/i);
    }
    // The right token still works in the same browser.
    expect((await page.goto(link))?.status()).toBe(200);
    await context.close();
  });
});
