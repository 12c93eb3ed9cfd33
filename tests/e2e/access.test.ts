// Who gets into the supervisors' web, in a real browser: forged cookies, another unit's cases,
// forms from another origin (CSRF), and sign-in links used twice.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { filePolicyQuestion, joinedSpecialist, registeredInvestor, signInLink, stack } from "../support/e2e-bot.ts";
import { chromiumForFile, newContext, signIn } from "../support/e2e-browser.ts";

const browser = chromiumForFile();

let unitA: Awaited<ReturnType<typeof joinedSpecialist>>;
let refA: string;

beforeAll(async () => {
  unitA = await joinedSpecialist();
  const investor = await registeredInvestor(unitA.id);
  refA = (await filePolicyQuestion(investor.chat)).ref;
});

describe("access to the supervisors' web", () => {
  it("refuses a tampered or forged session cookie with 401 and the signed-out message", async () => {
    const { context } = await signIn(browser(), unitA.chat);
    const real = (await context.cookies()).find((c) => c.name === "desk_web")!;
    const value = decodeURIComponent(real.value);
    const other = await joinedSpecialist();
    const forgeries = {
      "another specialist's id under the same signature": value.replace(unitA.id, other.id),
      "a later expiry under the same signature": value.replace(/\.(\d+)\./, (_, until: string) => `.${Number(until) + 86_400_000}.`),
      "a signature of its own": `${other.id}.${Date.now() + 3_600_000}.${"A".repeat(43)}=`,
    };
    for (const [what, forged] of Object.entries(forgeries)) {
      expect(forged, what).not.toBe(value);
      const forger = await newContext(browser());
      await forger.addCookies([{ ...real, value: encodeURIComponent(forged) }]);
      const page = await forger.newPage();
      const response = await page.goto("/web/cases");
      expect(response?.status(), what).toBe(401);
      expect(await page.locator(".error").textContent(), what).toContain("您尚未登录或登录已过期");
      expect(await page.locator("body").textContent(), what).not.toContain(refA);
      await forger.close();
    }
    // The genuine cookie still works: the refusals above were about the forgeries.
    const page = await context.newPage();
    expect((await page.goto("/web/cases"))?.status()).toBe(200);
    expect(await page.locator("table").textContent()).toContain(refA);
    await context.close();
  });

  it("shows a specialist of another unit nothing of the first unit's cases, in the page or the CSV", async () => {
    const unitB = await joinedSpecialist();
    const { context, page } = await signIn(browser(), unitB.chat);
    expect(await page.locator("body").textContent()).not.toContain(refA);
    // Asking for the other unit by name changes nothing: the scope is the viewer's own unit.
    await page.goto(`/web/cases?unit=${unitA.unitId}`);
    expect(await page.locator("body").textContent()).not.toContain(refA);
    const csv = await page.request.get(`/web/cases.csv?unit=${unitA.unitId}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).includes(refA)).toBe(false);
    await context.close();
  });

  it("refuses a POST whose Origin is not the stack's own (403) and does not spend the link", async () => {
    const link = await signInLink(unitA.chat);
    const token = new URL(link).searchParams.get("t")!;
    const context = await newContext(browser());
    const page = await context.newPage();
    for (const origin of ["https://evil.example", "http://localhost:1"]) {
      const refused = await page.request.post("/web/sign-in", { form: { t: token }, headers: { origin }, maxRedirects: 0 });
      expect(refused.status(), origin).toBe(403);
      expect(refused.headers()["set-cookie"], origin).toBeUndefined();
    }
    // Node's fetch, with no browser in between: the same answer.
    const bare = await fetch(`${stack().baseUrl}/web/sign-out`, { method: "POST", headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: "" });
    expect(bare.status).toBe(403);
    // Real cross-origin forms in Chromium posting the token to the stack: from another loopback
    // origin (a server of this test; Chromium sends its Origin) and from a public one (Playwright's
    // router; Chromium sends "Origin: null" to a loopback target). Both are refused.
    const form = `<form method="post" action="${stack().baseUrl}/web/sign-in"><input name="t" value="${token}"><button>go</button></form>`;
    const foreign = createServer((_, res) => res.writeHead(200, { "content-type": "text/html" }).end(form)).listen(0, "127.0.0.1");
    await once(foreign, "listening");
    const foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
    await page.route("https://evil.example/", (route) => route.fulfill({ contentType: "text/html", body: form }));
    try {
      for (const [url, origin] of [[`${foreignOrigin}/`, foreignOrigin], ["https://evil.example/", "null"]] as const) {
        await page.goto(url);
        const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "go" }).click()]);
        expect(response.request().headers().origin, url).toBe(origin);
        expect(response.status(), url).toBe(403);
      }
    } finally {
      foreign.close();
    }
    // The refused POSTs did not spend the link: the browser signs in with it.
    await page.goto(link);
    await Promise.all([page.waitForURL("**/web/cases"), page.getByRole("button", { name: "登录" }).click()]);
    expect(await page.locator("table").textContent()).toContain(refA);
    await context.close();
  });

  it("refuses a sign-in link the second time, and a malformed one at once", async () => {
    const { context, link } = await signIn(browser(), unitA.chat);
    await context.close();
    const again = await newContext(browser());
    const page = await again.newPage();
    expect((await page.goto(link))?.status()).toBe(200);
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "登录" }).click()]);
    expect(response.status()).toBe(401);
    expect(await page.locator(".error").textContent()).toContain("此登录链接无效");
    expect((await again.cookies()).find((c) => c.name === "desk_web")).toBeUndefined();
    expect((await page.goto("/web/cases"))?.status()).toBe(401);
    expect((await page.goto("/web/sign-in?t=short"))?.status()).toBe(400);
    expect(await page.locator("form").count()).toBe(0);
    await again.close();
  });
});
