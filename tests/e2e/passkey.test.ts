// Passkeys in a real browser: Chromium's virtual authenticator (CDP WebAuthn domain: CTAP2, internal,
// resident keys, user verification) registers a passkey with an admin's invite code on /web/passkey,
// signs out, signs in with it from /web/sign-in and sees the unit's ledger; a browser without a passkey
// for the site is told so, and stays signed out.
import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, registeredInvestor, slugId } from "../support/e2e-bot.ts";
import { chromiumForFile, newContext, screenshot } from "../support/e2e-browser.ts";
import { pastCase } from "../support/e2e-db.ts";

const browser = chromiumForFile();

let specialist: { id: string; inviteCode: string };
let ref: string;

beforeAll(async () => {
  const unitId = slugId("unit");
  expect((await admin("POST", "/admin/units", { id: unitId, nameZh: `测试单位${unitId.slice(-5)}`, nameEn: "Test unit", kind: "city" })).status).toBe(201);
  const id = slugId("sp");
  const created = await admin("POST", "/admin/specialists", { id, name: `专员${id.slice(-4)}`, unitId, role: "specialist" });
  expect(created.status).toBe(201);
  specialist = { id, inviteCode: ((await created.json()) as { inviteCode: string }).inviteCode };
  const investor = await registeredInvestor(id);
  ref = await pastCase({ uscc: investor.uscc, investorId: investor.chat.userId, ownerId: id });
});

/** A page in a new browser profile with a virtual platform authenticator, as a phone or laptop with a fingerprint reader. */
async function withAuthenticator(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser());
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { context, page };
}

describe("passkeys in Chromium", () => {
  it("registers with an invite code, signs out, signs in with the passkey and sees the unit's ledger", async () => {
    const { context, page } = await withAuthenticator();
    await page.goto("/web/sign-in");
    await page.getByRole("link", { name: "登记通行密钥" }).click();
    await page.getByLabel("邀请码").fill(specialist.inviteCode.toLowerCase());
    await page.getByRole("button", { name: "登记通行密钥" }).click();
    await page.waitForURL("**/web/cases");
    expect(await page.locator("table").textContent()).toContain(ref);

    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL("**/web/sign-in");
    expect((await context.cookies()).find((c) => c.name === "desk_web")).toBeUndefined();
    expect((await page.goto("/web/cases"))?.status()).toBe(401);

    await page.goto("/web/sign-in");
    await page.getByRole("button", { name: "使用通行密钥登录" }).click();
    await page.waitForURL("**/web/cases");
    expect(await page.locator("table").textContent()).toContain(ref);
    await screenshot(page, "passkey-ledger.png");

    // The invite was spent: registering again with it is refused on the page, in words.
    await page.goto("/web/passkey");
    await page.getByLabel("邀请码").fill(specialist.inviteCode);
    await page.getByRole("button", { name: "登记通行密钥" }).click();
    await expect.poll(() => page.locator("output").textContent()).toContain("“邀请码”无效");
    await context.close();
  });

  it("tells a browser with no passkey for the site so, and leaves it signed out", async () => {
    const { context, page } = await withAuthenticator();
    await page.goto("/web/sign-in");
    await page.getByRole("button", { name: "使用通行密钥登录" }).click();
    await expect.poll(() => page.locator("output").textContent(), { timeout: 15_000 }).toContain("本设备没有本网站的通行密钥");
    await screenshot(page, "passkey-none.png");
    expect(new URL(page.url()).pathname).toBe("/web/sign-in");
    expect((await context.cookies()).find((c) => c.name === "desk_web")).toBeUndefined();
    await context.close();
  });
});
