// A specialist who heard of a case in a group chat acts on it in the web, without Telegram: the link
// (/web/cases/<ref>, as the DingTalk and WeCom notices carry it) opened signed out asks for a sign-in
// and comes back to the case; there they acknowledge the appointment and record the meeting held (who
// met, the date); the investor hears of both through the bot, and the ledger shows each step with who
// and when.
import { beforeAll, describe, expect, it } from "vitest";
import { beijingDate } from "../../domain/calendar.ts";
import { triggerCron } from "../../scripts/lib/worker.ts";
import { joinedSpecialist, registeredInvestor, signInLink, stack, type BotChat } from "../support/e2e-bot.ts";
import { chromiumForFile, newContext, screenshot } from "../support/e2e-browser.ts";
import { rows } from "../support/e2e-db.ts";

const browser = chromiumForFile();

let owner: Awaited<ReturnType<typeof joinedSpecialist>>;
let investor: BotChat;
let ref: string;

beforeAll(async () => {
  owner = await joinedSpecialist();
  investor = (await registeredInvestor(owner.id)).chat;
  await investor.send("/appointment");
  await investor.tap("Customs");
  await investor.send("Clearance of imported lab equipment held at Haikou port.");
  await investor.tap("Skip");
  await investor.send("Jane Doe, CEO");
  const confirmation = (await investor.tap("✔ Submit")).join("\n");
  ref = /HN-\d{4}-\d+/.exec(confirmation)![0];
});

describe("staff steps from the web case page in Chromium", () => {
  it("the case link signed out → sign in → back on the case → acknowledge → meeting held; the investor hears, the ledger shows who and when", async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    // Signed out: the case's link asks for a sign-in (the bot's link, or a passkey), and remembers the case.
    const signedOut = await page.goto(`/web/cases/${ref}`);
    expect(signedOut?.status()).toBe(401);
    expect(await page.locator(".error").textContent()).toContain("您尚未登录或登录已过期");
    await page.goto(await signInLink(owner.chat));
    await Promise.all([page.waitForURL(`**/web/cases/${ref}`), page.getByRole("button", { name: "登录" }).click()]);
    expect(await page.locator("h1").textContent()).toContain(ref);

    await Promise.all([page.waitForURL(/done=acknowledge/), page.locator("form#step-acknowledge button").click()]);
    expect(await page.locator("body").textContent()).toContain("已确认受理");

    const today = beijingDate(Date.now());
    const meeting = page.locator("form#step-record_meeting");
    await meeting.locator("input[name=held_on]").fill(today);
    await meeting.locator("input[name=official]").fill("李局长");
    await meeting.locator("select[name=delegated]").selectOption("no");
    await Promise.all([page.waitForURL(/done=record_meeting/), meeting.locator("button").click()]);
    expect(await page.locator("body").textContent()).toContain("已登记约见举行情况");

    // The ledger: each step, by whom, when (Beijing time, to the minute).
    const timeline = page.locator("table.timeline tbody tr");
    const steps = await timeline.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    const acknowledged = steps.find(([, event]) => event!.startsWith("专员已响应"))!;
    const held = steps.find(([, event]) => event!.startsWith("约见已举行"))!;
    for (const step of [acknowledged, held]) {
      expect(step[0]).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}$`));
      expect(step[2]).toBe(`专员${owner.id.slice(-4)}`);
    }
    expect(held[3]).toBe("李局长");
    // The obligation is met, by the owner.
    expect(await page.locator("table.obligations").textContent()).toContain("已完成");
    await screenshot(page, "web-steps-meeting-held.png");
    await context.close();

    const [recorded] = await rows<{ status: string }>("SELECT status FROM cases WHERE ref = ?", [ref]);
    expect(recorded!.status).not.toBe("received");

    // The investor hears of both steps through the bot (the outbox, sent by the next tick).
    expect((await triggerCron(stack().jobsUrl, "*/5 * * * *", Date.now())).status).toBe(200);
    await expect.poll(async () => (await investor.messages()).map((m) => String(m.text)).filter((text) => text.includes(ref)).join("\n"), { timeout: 20_000, interval: 500 }).toContain("The meeting was held with 李局长.");
    const heard = (await investor.messages()).map((m) => String(m.text)).filter((text) => text.includes(ref));
    expect(heard.some((text) => /acknowledged/i.test(text))).toBe(true);
  });
});
