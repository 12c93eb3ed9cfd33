// The admins' calendar page in a real browser, against its contract: /web/admin/calendar (role
// "admin" only, 403 for others) takes a CSV upload (form#calendar-upload, button[name=preview]),
// previews the change (table.diff, rows .added/.removed/.changed), applies it (form#calendar-apply)
// and confirms with p.ok; a bad file gets a bilingual .error naming the line and the rule.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { joinedSpecialist } from "../support/e2e-bot.ts";
import { chromiumForFile, screenshot, signIn } from "../support/e2e-browser.ts";
import { rows } from "../support/e2e-db.ts";

const browser = chromiumForFile();

// 2027: no schedule is seeded for it (the seed ends with 2026). Its notice also settles the turn of
// the year: Sat 26 Dec 2026 is a make-up working day. 6 Feb 2027 is a Saturday.
const SCHEDULE = ["date,kind,name", "2026-12-26,workday,元旦调休", "2027-01-01,holiday,元旦", "2027-02-06,workday,春节调休", "2027-02-08,holiday,春节", ""].join("\n");
// Line 3 is not a real date.
const INVALID = ["date,kind,name", "2027-01-01,holiday,元旦", "2027-02-30,holiday,春节", ""].join("\n");

let admin: Awaited<ReturnType<typeof joinedSpecialist>>;
beforeAll(async () => {
  admin = await joinedSpecialist({ role: "admin" });
});

async function upload(page: Page, name: string, csv: string) {
  await page.goto("/web/admin/calendar");
  const form = page.locator("form#calendar-upload");
  await form.locator("input[type=file][name=file]").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await Promise.all([page.waitForLoadState("load"), form.locator("button[name=preview]").click()]);
}

const changes = (page: Page) => page.locator("table.diff tr.added, table.diff tr.removed, table.diff tr.changed");

describe("the calendar admin page in Chromium", () => {
  it("is for admins only: a specialist gets 403 and no upload form", async () => {
    const specialist = await joinedSpecialist();
    const { context, page } = await signIn(browser(), specialist.chat);
    const response = await page.goto("/web/admin/calendar");
    expect(response?.status()).toBe(403);
    expect(await page.locator(".error").textContent()).toContain("仅系统管理员可使用此页面");
    expect(await page.locator("form#calendar-upload").count()).toBe(0);
    // Nor is the section offered in their navigation.
    expect(await page.getByRole("link", { name: "系统管理" }).count()).toBe(0);
    await context.close();
  });

  it("previews an uploaded CSV, applies it, and then finds nothing more to change", async () => {
    const { context, page } = await signIn(browser(), admin.chat);
    const response = await page.goto("/web/admin/calendar");
    expect(response?.status()).toBe(200);

    await upload(page, "2027.csv", SCHEDULE);
    const added = page.locator("table.diff tr.added");
    expect(await added.count()).toBe(4);
    const text = (await added.allTextContents()).join("\n");
    for (const date of ["2026-12-26", "2027-01-01", "2027-02-06", "2027-02-08"]) expect(text).toContain(date);
    expect(await page.locator("table.diff tr.removed, table.diff tr.changed").count()).toBe(0);
    await screenshot(page, "admin-calendar-preview.png");
    // A preview changes nothing.
    expect(await rows("SELECT date FROM calendar_days WHERE year = 2027")).toEqual([]);

    await Promise.all([page.waitForLoadState("load"), page.locator("form#calendar-apply button").click()]);
    expect(await page.locator("p.ok").count()).toBe(1);
    expect(await rows("SELECT date, kind FROM calendar_days WHERE year = 2027 ORDER BY date")).toEqual([
      { date: "2026-12-26", kind: "workday" },
      { date: "2027-01-01", kind: "holiday" },
      { date: "2027-02-06", kind: "workday" },
      { date: "2027-02-08", kind: "holiday" },
    ]);

    await upload(page, "2027.csv", SCHEDULE);
    expect(await changes(page).count()).toBe(0);
    await context.close();
  });

  it("names the line and the rule of an invalid file, in both languages, and changes nothing", async () => {
    const { context, page } = await signIn(browser(), admin.chat);
    const before = await rows("SELECT date, kind FROM calendar_days WHERE year = 2027 ORDER BY date");
    await upload(page, "2027-bad.csv", INVALID);
    const error = (await page.locator(".error").allTextContents()).join("\n");
    expect(error).toMatch(/\b3\b/);
    expect(error).toContain("应为有效日期");
    expect(error).toContain("must be a real date");
    expect(await page.locator("form#calendar-apply").count()).toBe(0);
    expect(await rows("SELECT date, kind FROM calendar_days WHERE year = 2027 ORDER BY date")).toEqual(before);
    await context.close();
  });
});
