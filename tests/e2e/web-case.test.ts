// The case page in a real browser: a department officer goes from the ledger to a case, signs off
// the draft notice the cron left (签发), and the responsible unit's written reply shows on the
// same page for both of them.
import { beforeAll, describe, expect, it } from "vitest";
import { filePolicyQuestion, joinedSpecialist, registeredInvestor } from "../support/e2e-bot.ts";
import { chromiumForFile, screenshot, signIn } from "../support/e2e-browser.ts";
import { draftNotice, rows } from "../support/e2e-db.ts";

const browser = chromiumForFile();

let owner: Awaited<ReturnType<typeof joinedSpecialist>>;
let officer: Awaited<ReturnType<typeof joinedSpecialist>>;
let ref: string;
let noticeId: string;

beforeAll(async () => {
  owner = await joinedSpecialist({ unitName: { zh: "海口市营商环境局", en: "Haikou Business Environment Bureau" } });
  officer = await joinedSpecialist({ role: "bizenv" });
  const investor = await registeredInvestor(owner.id);
  ref = (await filePolicyQuestion(investor.chat)).ref;
  noticeId = await draftNotice(ref);
});

describe("the case page in Chromium", () => {
  it("ledger → case page → the department signs the draft off → the unit reports its rectification → both see it", async () => {
    const { context, page } = await signIn(browser(), officer.chat);
    await page.getByRole("link", { name: ref, exact: true }).click();
    await page.waitForURL(new RegExp(`/web/cases/${ref}$`));
    expect(await page.locator("h1").textContent()).toContain(ref);
    const notice = page.locator(`#notice-${noticeId}`);
    expect(await notice.locator(".notice-status").textContent()).toBe("草稿，待签发");
    // The draft's document, before its number.
    expect(await notice.locator("pre.document").textContent()).toContain("提醒敦促函");
    expect(await page.locator("table.obligations").textContent()).toContain("首次响应");
    await screenshot(page, "case-page-draft.png");

    await Promise.all([page.waitForURL(/done=sign/), notice.getByRole("button", { name: "签发" }).click()]);
    expect(await page.locator("[role=status]").textContent()).toContain("督办文书已签发");
    expect(await notice.locator(".notice-status").textContent()).toBe("已签发");
    const [signed] = await rows<{ number: string }>("SELECT number FROM supervision_notices WHERE id = ?", [noticeId]);
    expect(signed!.number).toMatch(/^琼营商督〔\d{4}〕\d+号$/);
    expect(await notice.locator("h3").textContent()).toContain(signed!.number);
    expect(await notice.locator("pre.document").textContent()).toContain("海口市营商环境局（主要负责同志）：");
    expect(await page.locator("table.timeline").textContent()).toContain("督办文书已签发");
    await screenshot(page, "case-page-signed.png");
    await context.close();

    // The unit's specialist records the written reply on the same page.
    const unit = await signIn(browser(), owner.chat);
    await unit.page.getByRole("link", { name: ref, exact: true }).click();
    const addressed = unit.page.locator(`#notice-${noticeId}`);
    await addressed.locator("textarea[name=reply]").fill("已于当日答复企业，并建立每周调度机制，防止再次超期。");
    await Promise.all([unit.page.waitForURL(/done=notice_reply/), addressed.getByRole("button", { name: "报送整改情况" }).click()]);
    expect(await addressed.locator(".notice-reply").textContent()).toContain("已于当日答复企业");
    expect(await addressed.locator("textarea").count()).toBe(0);
    await unit.context.close();

    // Back at the department: the reply is on the case page, and the draft left the sign-off list.
    const again = await signIn(browser(), officer.chat);
    await again.page.goto(`/web/cases/${ref}?lang=en`);
    expect(await again.page.locator(`#notice-${noticeId} .notice-reply`).textContent()).toContain("已于当日答复企业");
    expect(await again.page.locator(`#notice-${noticeId} .notice-status`).textContent()).toBe("signed off");
    await again.page.getByRole("link", { name: "Supervision", exact: true }).click();
    expect(await again.page.locator("body").textContent()).not.toContain(ref);
    await screenshot(again.page, "supervision-list.png");
    await again.context.close();
  });
});
