// Recording a case in a real browser: a specialist opens “登记案件” from the ledger's menu, is
// refused a receipt time in the future (both languages, what was typed kept), corrects it, and
// records a 12345 case for a firm not registered yet; the page gives the case link to pass on.
import { describe, expect, it } from "vitest";
import { joinedSpecialist } from "../support/e2e-bot.ts";
import { chromiumForFile, screenshot, signIn } from "../support/e2e-browser.ts";
import { rows } from "../support/e2e-db.ts";
import { randomUscc } from "../worker/support/data.ts";
import { beijingMinute } from "../../domain/calendar.ts";

const browser = chromiumForFile();

describe("the record form in Chromium", () => {
  it("refuses a future receipt time, then records a 12345 case with its dues counted from the hotline's time", async () => {
    const recorder = await joinedSpecialist();
    const { context, page } = await signIn(browser(), recorder.chat);
    await page.getByRole("link", { name: "登记案件", exact: true }).click();
    await page.waitForURL("**/web/record");
    const uscc = randomUscc();
    const ticket = `E2E${Date.now()}`;
    const form = page.locator("form.record");
    await form.locator("select[name=channel]").selectOption("hotline_12345");
    await form.locator("input[name=ticket_no]").fill(ticket);
    await form.locator("input[name=received_at]").fill(beijingMinute(Date.now() + 3 * 3_600_000));
    await form.locator("input[name=firm_uscc]").fill(uscc);
    await form.locator("input[name=firm_name]").fill("海南浏览器测试有限公司");
    await form.locator("select[name=firm_area]").selectOption("sanya");
    await form.locator("input[name=caller_name]").fill("陈六");
    await form.locator("input[name=caller_phone]").fill("13600136000");
    await form.locator("select[name=case_kind]").selectOption("appointment");
    await form.locator("textarea[name=case_text]").fill("企业在服务专区窗口申请与三亚市分管领导约见，商谈扩建用地。");
    await Promise.all([page.waitForLoadState("load"), form.getByRole("button", { name: "登记" }).click()]);
    const refusal = page.locator("ul.error [data-field=received_at]");
    expect(await refusal.textContent()).toContain("受理时间不能晚于现在");
    expect(await refusal.textContent()).toContain("the time of receipt cannot be later than now");
    expect(await page.locator("textarea[name=case_text]").inputValue()).toContain("扩建用地");
    await screenshot(page, "record-refused.png");

    const receivedAt = Date.now() - 26 * 3_600_000;
    await page.locator("input[name=received_at]").fill(beijingMinute(receivedAt));
    await Promise.all([page.waitForLoadState("load"), page.locator("form.record").getByRole("button", { name: "登记" }).click()]);
    const done = page.locator("[role=status]");
    const [c] = await rows<{ ref: string; channel: string; received_at: number; recorded_by: string; first_response_due_at: number }>(
      "SELECT ref, channel, received_at, recorded_by, first_response_due_at FROM cases WHERE ticket_no = ?",
      [ticket],
    );
    expect(c).toMatchObject({ channel: "hotline_12345", recorded_by: recorder.id });
    expect(beijingMinute(c!.received_at)).toBe(beijingMinute(receivedAt));
    expect(await done.textContent()).toContain(c!.ref);
    expect(await done.locator("code.case-link").textContent()).toMatch(/\/s\/[A-Za-z0-9_-]{32}$/);
    await screenshot(page, "record-done.png");

    // The new case is on its page, with its channel and ticket.
    await done.getByRole("link", { name: c!.ref }).click();
    await page.waitForURL(new RegExp(`/web/cases/${c!.ref}$`));
    expect(await page.locator("dd.channel").textContent()).toBe(`12345 热线 ${ticket}`);
    await context.close();
  });
});
