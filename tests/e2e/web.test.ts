// The supervisors' web in a real browser: a specialist signs in with the bot's one-time link, reads
// the ledger, filters it with the form, downloads the CSV, switches language and signs out.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { filePolicyQuestion, joinedSpecialist, registeredInvestor } from "../support/e2e-bot.ts";
import { chromiumForFile, screenshot, signIn } from "../support/e2e-browser.ts";
import { pastCase } from "../support/e2e-db.ts";

const browser = chromiumForFile();

/** A specialist whose unit owns two cases: a policy question filed today and an urgent appeal 20 days overdue. */
let specialist: Awaited<ReturnType<typeof joinedSpecialist>>;
let filedRef: string;
let overdueRef: string;

beforeAll(async () => {
  specialist = await joinedSpecialist();
  const investor = await registeredInvestor(specialist.id);
  filedRef = (await filePolicyQuestion(investor.chat)).ref;
  overdueRef = await pastCase({ uscc: investor.uscc, investorId: investor.chat.userId, ownerId: specialist.id });
});

const rowOf = (page: Page, ref: string) => page.locator("table tbody tr", { hasText: ref });

describe("the supervisors' web in Chromium", () => {
  it("signs in with the bot's link (a Secure, HttpOnly, SameSite=Strict cookie over http://localhost) and shows the unit's cases", async () => {
    const { context, page } = await signIn(browser(), specialist.chat);
    expect(new URL(page.url()).pathname).toBe("/web/cases");
    const cookie = (await context.cookies()).find((c) => c.name === "desk_web");
    expect(cookie).toMatchObject({ path: "/web", httpOnly: true, secure: true, sameSite: "Strict" });
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.locator("h1").textContent()).toContain("本单位负责的诉求");
    await expect.poll(() => rowOf(page, filedRef).count()).toBe(1);
    expect(await rowOf(page, filedRef).textContent()).toContain("政策咨询");
    expect(await rowOf(page, overdueRef).locator(".overdue").textContent()).toBe("超期");
    expect(await rowOf(page, filedRef).locator(".overdue").count()).toBe(0);
    await screenshot(page, "ledger.png");
    await context.close();
  });

  it("filters with the form (kind, status, overdue) and downloads the same selection as CSV with a BOM", async () => {
    const { context, page } = await signIn(browser(), specialist.chat);
    await page.locator("select[name=kind]").selectOption("urgent");
    await page.locator("select[name=status]").selectOption("assigned");
    await page.locator("input[name=overdue]").check();
    await Promise.all([page.waitForURL(/overdue=1/), page.getByRole("button", { name: "筛选" }).click()]);
    const query = new URL(page.url()).searchParams;
    expect([query.get("kind"), query.get("status"), query.get("overdue")]).toEqual(["urgent", "assigned", "1"]);
    expect(await page.locator("table tbody tr").allTextContents()).toEqual([expect.stringContaining(overdueRef)]);
    // The form shows the filters it applied.
    expect(await page.locator("select[name=kind]").inputValue()).toBe("urgent");
    expect(await page.locator("input[name=overdue]").isChecked()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("ledger.csv");
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain(`"${overdueRef}","urgent","assigned","1"`);
    expect(csv).not.toContain(filedRef);

    // Policy questions only: the overdue appeal goes, the question filed today stays.
    await page.locator("select[name=kind]").selectOption("policy");
    await page.locator("select[name=status]").selectOption("");
    await page.locator("input[name=overdue]").uncheck();
    await Promise.all([page.waitForURL(/kind=policy/), page.getByRole("button", { name: "筛选" }).click()]);
    expect(new URL(page.url()).searchParams.get("overdue")).toBeNull();
    expect(await page.locator("table tbody tr").allTextContents()).toEqual([expect.stringContaining(filedRef)]);
    await context.close();
  });

  it("switches to English keeping the filters, with the English form and CSV link", async () => {
    const { context, page } = await signIn(browser(), specialist.chat);
    await page.goto("/web/cases?kind=urgent");
    await Promise.all([page.waitForURL(/lang=en/), page.getByRole("link", { name: "English", exact: true }).click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(new URL(page.url()).searchParams.get("kind")).toBe("urgent");
    await page.locator("input[name=overdue]").check();
    await Promise.all([page.waitForURL(/overdue=1/), page.getByRole("button", { name: "Filter" }).click()]);
    // Remembered: the page after the form (no ?lang) is still English.
    expect(new URL(page.url()).searchParams.get("lang")).toBeNull();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await rowOf(page, overdueRef).locator(".overdue").textContent()).toBe("overdue");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain(overdueRef);
    await context.close();
  });

  it("names a bad filter with its rule, in the page's language (400)", async () => {
    const { context, page } = await signIn(browser(), specialist.chat);
    const response = await page.goto("/web/cases?page=0");
    expect(response?.status()).toBe(400);
    expect(await page.locator(".error").textContent()).toBe("“页码”无效：请填写从 1 开始的整数");
    expect(await page.locator("table").count()).toBe(0);
    await context.close();
  });

  it("signs out: the cookie is gone and the ledger answers 401 with the signed-out message", async () => {
    const { context, page } = await signIn(browser(), specialist.chat);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL("**/web/sign-in");
    expect((await context.cookies()).find((c) => c.name === "desk_web")).toBeUndefined();
    const response = await page.goto("/web/cases");
    expect(response?.status()).toBe(401);
    expect(await page.locator(".error").textContent()).toContain("您尚未登录或登录已过期");
    expect(await page.locator("body").textContent()).not.toContain(filedRef);
    await context.close();
  });
});
