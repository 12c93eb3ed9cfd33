// The admins' channels page in a real browser, against the fake DingTalk and WeCom robots of the e2e
// stack: an admin sets a unit's DingTalk robot (webhook URL and 加签 secret) and a specialist's WeCom
// robot (key), sees afterwards only their last 4 characters, and "send a test message" shows the
// fake vendor's answer in both languages; a wrong secret shows DingTalk's refusal, on the spot and on
// the robot's row; anyone but an admin gets 403.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { joinedSpecialist } from "../support/e2e-bot.ts";
import { chromiumForFile, screenshot, signIn } from "../support/e2e-browser.ts";

const browser = chromiumForFile();
const robots = () => inject("e2eRobotsUrl");
const random = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

interface Receipt {
  body: { markdown?: { text?: string; content?: string }; text?: { content: string } };
  errcode: number;
  errmsg: string;
}
const received = async (robot: string) => (await (await fetch(`${robots()}/__control/received?robot=${robot}`)).json()) as Receipt[];
const registerRobot = (robot: unknown) => fetch(`${robots()}/__control/robots`, { method: "POST", body: JSON.stringify(robot) });

let admin: Awaited<ReturnType<typeof joinedSpecialist>>;
beforeAll(async () => {
  admin = await joinedSpecialist({ role: "admin" });
});

/** The row of a unit or a specialist on the channels page, by the name it shows. */
const rowOf = (page: Page, name: string) => page.locator("table.channels tr", { hasText: name });

async function setRobot(page: Page, name: string, fields: Record<string, string>) {
  await page.goto("/web/admin/channels");
  const row = rowOf(page, name);
  await row.locator("summary").click();
  const form = row.locator("details form");
  for (const [field, value] of Object.entries(fields)) {
    if (field === "kind") await form.locator("select[name=kind]").selectOption(value);
    else await form.locator(`input[name=${field}]`).fill(value);
  }
  await Promise.all([page.waitForURL("**/web/admin/channels?done=channel-saved"), form.getByRole("button", { name: "保存" }).click()]);
}

async function pressTest(page: Page, name: string) {
  await Promise.all([page.waitForLoadState("load"), rowOf(page, name).getByRole("button", { name: "发送测试消息" }).click()]);
}

describe("the channels admin page in Chromium", () => {
  it("is for admins only: a specialist gets 403 and no settings", async () => {
    const specialist = await joinedSpecialist();
    const { context, page } = await signIn(browser(), specialist.chat);
    const response = await page.goto("/web/admin/channels");
    expect(response?.status()).toBe(403);
    expect(await page.locator(".error").textContent()).toContain("仅系统管理员可使用此页面");
    expect(await page.locator("table.channels").count()).toBe(0);
    await context.close();
  });

  it("sets a unit's DingTalk robot and a specialist's WeCom robot, shows only their last 4 characters, and tests each with the vendor's answer in both languages", async () => {
    const specialist = await joinedSpecialist();
    const unitName = `测试单位${specialist.unitId.slice(-5)}`;
    const specialistName = `专员${specialist.id.slice(-4)}`;
    const ding = { accessToken: random(40), secret: `SEC${random(60)}` };
    const wecomKey = crypto.randomUUID();
    await registerRobot({ vendor: "dingtalk", ...ding });
    await registerRobot({ vendor: "wecom", key: wecomKey });

    const { context, page } = await signIn(browser(), admin.chat);
    await setRobot(page, unitName, { kind: "dingtalk", webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${ding.accessToken}`, secret: ding.secret });
    expect(await page.locator("p.ok").textContent()).toContain("通知渠道已保存");
    await setRobot(page, specialistName, { kind: "wecom", key: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${wecomKey}` });

    // Afterwards: the kind and the last 4 characters only; never the secret, the token or the key.
    expect(await rowOf(page, unitName).locator("td").nth(1).textContent()).toBe(`钉钉机器人 …${ding.secret.slice(-4)}`);
    expect(await rowOf(page, specialistName).locator("td").nth(1).textContent()).toBe(`企业微信机器人 …${wecomKey.slice(-4)}`);
    const html = await page.content();
    for (const secret of [ding.secret, ding.accessToken, wecomKey]) expect(html).not.toContain(secret.slice(0, -4));
    await screenshot(page, "admin-channels.png");

    await pressTest(page, unitName);
    const dingAnswer = await page.locator("p.ok").innerText();
    expect(dingAnswer).toContain("钉钉机器人已收到测试消息（errcode 0：ok）");
    expect(dingAnswer).toContain("The DingTalk robot took the test message (errcode 0: ok)");
    const [dingMessage] = await received(ding.accessToken);
    expect(dingMessage).toMatchObject({ errcode: 0 });
    expect(dingMessage!.body.markdown!.text).toContain("【测试】海南外资企业服务台");

    await pressTest(page, specialistName);
    const wecomAnswer = await page.locator("p.ok").innerText();
    expect(wecomAnswer).toContain("企业微信机器人已收到测试消息（errcode 0：ok）");
    expect(wecomAnswer).toContain("The WeCom robot took the test message (errcode 0: ok)");
    expect((await received(wecomKey)).map((r) => r.errcode)).toEqual([0]);
    await context.close();
  });

  it("a wrong DingTalk secret: the test shows DingTalk's refusal in both languages, and the robot's row keeps it", async () => {
    const unitHolder = await joinedSpecialist();
    const unitName = `测试单位${unitHolder.unitId.slice(-5)}`;
    const ding = { accessToken: random(40), secret: `SEC${random(60)}` };
    await registerRobot({ vendor: "dingtalk", ...ding });

    const { context, page } = await signIn(browser(), admin.chat);
    await setRobot(page, unitName, { kind: "dingtalk", webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${ding.accessToken}`, secret: `SEC${random(60)}` });
    await pressTest(page, unitName);
    const refusal = await page.locator("p.error").innerText();
    expect(refusal).toContain("钉钉机器人拒收了测试消息：errcode 310000，sign not match");
    expect(refusal).toContain("The DingTalk robot refused the test message: errcode 310000, sign not match");
    expect((await received(ding.accessToken)).map((r) => r.errcode)).toEqual([310000]);
    // Not silently: the row shows the vendor's error until a message goes through.
    await page.goto("/web/admin/channels");
    expect(await rowOf(page, unitName).locator("td .error").textContent()).toContain("dingtalk 310000 sign not match");
    await screenshot(page, "admin-channels-refused.png");
    await context.close();
  });
});
