// The supervisors' figures page in a real browser, against its contract: /web/figures?from=&to=
// (any signed-in specialist) shows SVG bar charts (svg.chart, rect[data-value]) and a table
// (table.figures) with one row per unit the viewer may see.
import { beforeAll, describe, expect, it } from "vitest";
import { filePolicyQuestion, joinedSpecialist, registeredInvestor } from "../support/e2e-bot.ts";
import { chromiumForFile, newContext, screenshot, signIn } from "../support/e2e-browser.ts";
import { pastCase } from "../support/e2e-db.ts";

const browser = chromiumForFile();

/** YYYY-MM-DD in Beijing time (UTC+8), `daysAgo` days before now. */
const beijingDate = (daysAgo = 0) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
const PERIOD = `from=${beijingDate(30)}&to=${beijingDate(0)}`;

let mine: Awaited<ReturnType<typeof joinedSpecialist>>;
let theirs: Awaited<ReturnType<typeof joinedSpecialist>>;
const suffix = Math.random().toString(36).slice(2, 7);
const MINE = { zh: `图表本单位${suffix}`, en: `Figures own unit ${suffix}` };
const THEIRS = { zh: `图表他单位${suffix}`, en: `Figures other unit ${suffix}` };

beforeAll(async () => {
  mine = await joinedSpecialist({ unitName: MINE });
  theirs = await joinedSpecialist({ unitName: THEIRS });
  // Cases in each unit within the period, so both would have a row if scoping failed; one of
  // mine is resolved, so a rate (closure: 1 of 2) is above zero.
  for (const owner of [mine, theirs]) await filePolicyQuestion((await registeredInvestor(owner.id)).chat);
  const investor = await registeredInvestor(mine.id);
  await pastCase({ uscc: investor.uscc, investorId: investor.chat.userId, ownerId: mine.id, daysAgo: 5, resolved: true });
});

describe("the figures page in Chromium", () => {
  it("charts the period as SVG bars and tables the viewer's unit, one row, without other units", async () => {
    const { context, page } = await signIn(browser(), mine.chat);
    const response = await page.goto(`/web/figures?${PERIOD}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("svg.chart").count()).toBeGreaterThan(0);
    const bars = page.locator("svg.chart rect[data-value]");
    expect(await bars.count()).toBeGreaterThan(0);
    const values = await bars.evaluateAll((rects) => rects.map((r) => r.getAttribute("data-value")));
    // Every bar carries a number, and one of them is the resolved case's (a rate above zero).
    expect(values.every((v) => v !== null && Number.isFinite(Number(v)))).toBe(true);
    expect(values.some((v) => Number(v) > 0)).toBe(true);

    const table = page.locator("table.figures");
    expect(await table.count()).toBe(1);
    expect(await table.locator("tr", { hasText: MINE.zh }).count()).toBe(1);
    expect(await table.textContent()).not.toContain(THEIRS.zh);
    await screenshot(page, "figures.png");
    await context.close();
  });

  it("names a bad period with its rule (400), without charts", async () => {
    const { context, page } = await signIn(browser(), mine.chat);
    const response = await page.goto("/web/figures?from=2026-02-30&to=2026-03-31");
    expect(response?.status()).toBe(400);
    expect(await page.locator(".error").count()).toBe(1);
    expect(await page.locator("svg.chart, table.figures").count()).toBe(0);
    await context.close();
  });

  it("is reachable from the ledger's navigation, and refuses a signed-out browser with 401", async () => {
    const { context, page } = await signIn(browser(), theirs.chat);
    await Promise.all([page.waitForURL("**/web/figures**"), page.getByRole("link", { name: "统计" }).click()]);
    expect(await page.locator("svg.chart").count()).toBeGreaterThan(0);
    expect(await page.locator("table.figures").textContent()).not.toContain(MINE.zh);
    await context.close();

    const stranger = await newContext(browser());
    const anonymous = await stranger.newPage();
    expect((await anonymous.goto(`/web/figures?${PERIOD}`))?.status()).toBe(401);
    expect(await anonymous.locator("svg.chart").count()).toBe(0);
    await stranger.close();
  });
});
