// One headless Chromium per e2e test file, fresh contexts (cookie jars) per person, screenshots
// under test-artifacts/, and signing in to the supervisors' web the way a specialist does.
import { join } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { launchChromium } from "./chromium.ts";
import { signInLink, type BotChat } from "./e2e-bot.ts";

/** Starts Chromium before the file's tests and closes it after them; call at the top of a test file. */
export function chromiumForFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("Chromium did not start (see beforeAll)");
    return browser;
  };
}

/**
 * A new browser profile on the stack. Chinese by default: Chromium would otherwise send
 * Accept-Language en-US, and the pages follow the browser's language.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: inject("e2eBaseUrl"), locale: "zh-CN", viewport: { width: 1200, height: 800 }, ...options });
  // Loopback pages answer in well under a second: a missing element fails in 10 s, not Playwright's 30.
  context.setDefaultTimeout(10_000);
  return context;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(inject("e2eArtifactsDir"), name), fullPage: true });
}

/** Opens the bot's sign-in link, clicks the button, and checks the landing on the ledger. */
export async function signIn(browser: Browser, chat: BotChat, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; link: string }> {
  const link = await signInLink(chat);
  expect(link.startsWith(`${inject("e2eBaseUrl")}/web/sign-in?t=`), link).toBe(true);
  const context = await newContext(browser, options);
  const page = await context.newPage();
  const shown = await page.goto(link);
  expect(shown?.status()).toBe(200);
  const landed = page.waitForResponse((r) => new URL(r.url()).pathname === "/web/cases");
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  // 200, not the signed-out 401: the browser kept the Secure cookie on plain http://localhost.
  expect((await landed).status()).toBe(200);
  await page.waitForURL("**/web/cases");
  return { context, page, link };
}
